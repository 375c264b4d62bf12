# expect: the ApiError has no cause: its
import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


def load_dataset(url):
    # keeps the response, but drops the cause
    try:
        response = requests.get(url, timeout=(3, 10))
        response.raise_for_status()
    except requests.exceptions.HTTPError as e:
        raise ApiError(f"could not load {url}: {e}", response=e.response) from None
    return response.json()
