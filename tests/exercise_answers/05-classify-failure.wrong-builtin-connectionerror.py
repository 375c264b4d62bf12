# expect: for a ConnectionError it returned
import requests


def classify_failure(exc):
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    if isinstance(exc, ConnectionError):  # Python's built-in, not requests'
        return "connection"
    if isinstance(exc, requests.exceptions.HTTPError):
        return "http"
    return "other"
