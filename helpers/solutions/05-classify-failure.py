import requests


# Reference solution: 05-classify-failure
def classify_failure(exc):
    """'timeout', 'connection', 'http' or 'other' for an exception raised by requests."""
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection"
    if isinstance(exc, requests.exceptions.HTTPError):
        return "http"
    return "other"
