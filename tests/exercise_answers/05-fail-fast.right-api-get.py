# Built on the notebook's own api_get (copied here so the file runs on its own).
import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


class NotFound(ApiError):
    pass


class ApiUnavailable(ApiError):
    pass


def api_get(url, **kwargs):
    kwargs.setdefault("timeout", (3, 10))
    try:
        response = requests.get(url, **kwargs)
        response.raise_for_status()
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as e:
        raise ApiUnavailable(f"no answer from {url}: {type(e).__name__}") from e
    except requests.exceptions.HTTPError as e:
        kind = NotFound if e.response.status_code == 404 else ApiError
        raise kind(f"{e.response.status_code} from {url}", response=e.response) from e
    return response


def fetch_or_none(url):
    try:
        return api_get(url, timeout=(3, 0.5)).json()
    except ApiUnavailable as e:
        if isinstance(e.__cause__, requests.exceptions.ReadTimeout):
            return None
        raise
