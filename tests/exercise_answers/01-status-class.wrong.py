# expect: expected 'redirection'
def describe_status(code):
    if 200 <= code <= 300:  # 300 is a redirection
        return "successful"
    if code < 200:
        return "informational"
    if code < 400:
        return "redirection"
    if code < 500:
        return "client error"
    return "server error"
