# expect: the 404 was swallowed
import requests


def fetch_or_none(url):
    # catches too much: a 404 also becomes None
    try:
        response = requests.get(url, timeout=(3, 0.5))
        response.raise_for_status()
    except requests.exceptions.RequestException:
        return None
    return response.json()
