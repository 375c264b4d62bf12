# expect: expected 'server error'
def describe_status(code):
    if code >= 400:
        return "client error"  # 5xx are server errors
    if code >= 300:
        return "redirection"
    if code >= 200:
        return "successful"
    return "informational"
