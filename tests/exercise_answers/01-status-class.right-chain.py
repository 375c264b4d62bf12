def describe_status(code):
    if code < 200:
        return "Informational"
    elif code < 300:
        return "Successful"
    elif code < 400:
        return "Redirection"
    elif code < 500:
        return "Client Error"
    else:
        return "Server Error"
