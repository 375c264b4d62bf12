import requests


# Reference solution: 05-fail-fast
def fetch_or_none(url):
    """The JSON body at url, or None when the server is too slow to answer."""
    try:
        response = requests.get(url, timeout=(3, 0.5))
    except requests.exceptions.ReadTimeout:
        return None
    response.raise_for_status()
    return response.json()
