# expect: refuses this timeout
import requests


def fetch_or_none(url):
    # a read timeout of 0 does not mean "no wait": a real connection refuses it
    try:
        response = requests.get(url, timeout=(3, 0))
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
