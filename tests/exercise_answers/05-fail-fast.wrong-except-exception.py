# expect: uses except Exception
import requests


def fetch_or_none(url):
    # catches everything around the call: a typo in the URL or a refused connection also
    # becomes None, silently
    try:
        response = requests.get(url, timeout=(3, 0.5))
    except Exception:
        return None
    response.raise_for_status()
    return response.json()
