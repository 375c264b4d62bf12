from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import ConnectTimeout, HTTPError, ReadTimeout


def classify_failure(exc):
    if isinstance(exc, (ConnectTimeout, ReadTimeout)) or type(exc).__name__ == "Timeout":
        return "timeout"
    if isinstance(exc, RequestsConnectionError):
        return "connection"
    if isinstance(exc, HTTPError):
        return "http"
    return "other"
