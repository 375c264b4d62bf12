import requests


class ApiError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


def load_dataset(url):
    # no try/except: check the status by hand and chain the HTTPError explicitly
    response = requests.get(url, timeout=(3.05, 10))
    if response.status_code >= 400:
        try:
            response.raise_for_status()
        except requests.exceptions.HTTPError as cause:
            raise ApiError(f"{response.status_code} for {url}", response=response) from cause
    return response.json()
