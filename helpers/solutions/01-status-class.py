# Reference solution: 01-status-class
def describe_status(code):
    """The name of the class of an HTTP status code from 100 to 599."""
    names = {
        1: "informational",
        2: "successful",
        3: "redirection",
        4: "client error",
        5: "server error",
    }
    return names[code // 100]


describe_status(201), describe_status(404), describe_status(503)
