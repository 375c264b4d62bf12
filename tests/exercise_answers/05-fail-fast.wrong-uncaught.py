# expect: the ReadTimeout escaped
import requests


def fetch_or_none(url):
    # the timeout is right, but the ReadTimeout escapes
    response = requests.get(url, timeout=(3, 0.5))
    response.raise_for_status()
    return response.json()
