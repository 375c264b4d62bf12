# expect: for a TooManyRedirects it returned
import requests


def classify_failure(exc):
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection"
    if isinstance(exc, requests.exceptions.RequestException):
        return "http"
    return "other"
