# expect: refuses this timeout
import requests


def fetch_or_none(url):
    # True is not "yes, time out": a real connection refuses a bool
    try:
        response = requests.get(url, timeout=True)
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
