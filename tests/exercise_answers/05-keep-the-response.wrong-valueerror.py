# expect: it raised ValueError, not an ApiError
import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


def load_dataset(url):
    # a 404 is not a ValueError
    try:
        response = requests.get(url, timeout=(3, 10))
        response.raise_for_status()
    except requests.exceptions.HTTPError as e:
        raise ValueError(f"could not load {url}") from e
    return response.json()
