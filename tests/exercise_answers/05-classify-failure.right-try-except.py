import requests


def classify_failure(exc):
    try:
        raise exc
    except requests.Timeout:
        return "timeout"
    except requests.ConnectionError:
        return "connection"
    except requests.HTTPError:
        return "http"
    except Exception:
        return "other"
