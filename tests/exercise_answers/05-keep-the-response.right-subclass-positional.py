import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


class NotFound(ApiError):
    pass


def load_dataset(url):
    # a subclass of ApiError, the response passed positionally, checked with .ok
    response = requests.get(url, timeout=(3, 10))
    try:
        response.raise_for_status()
    except requests.exceptions.HTTPError as e:
        kind = NotFound if response.status_code == 404 else ApiError
        raise kind(str(e), response) from e
    return response.json()
