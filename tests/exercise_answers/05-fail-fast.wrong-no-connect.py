# expect: leaves the connect part without a limit
import requests


def fetch_or_none(url):
    # no limit on connecting
    try:
        response = requests.get(url, timeout=(None, 0.5))
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
