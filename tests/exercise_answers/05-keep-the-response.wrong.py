# expect: the ApiError has no response, so
import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


def load_dataset(url):
    # the planted bug, unchanged
    try:
        response = requests.get(url, timeout=(3, 10))
        response.raise_for_status()
    except requests.exceptions.HTTPError as e:
        raise ApiError(f"could not load {url}: {e}")  # noqa: B904 (the planted bug)
    return response.json()
