# expect: refuses this timeout
import requests


def fetch_or_none(url):
    try:
        response = requests.get(url, timeout="0.5")
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
