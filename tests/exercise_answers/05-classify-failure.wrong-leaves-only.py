# expect: for a Timeout it returned
import requests


def classify_failure(exc):
    if isinstance(exc, requests.exceptions.ReadTimeout):  # misses ConnectTimeout
        return "timeout"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection"
    if isinstance(exc, requests.exceptions.HTTPError):
        return "http"
    return "other"
