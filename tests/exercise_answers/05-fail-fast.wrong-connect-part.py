# expect: the read timeout is 10 s
import requests


def fetch_or_none(url):
    # changed the connect timeout instead of the read timeout
    try:
        response = requests.get(url, timeout=(0.5, 10))
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
