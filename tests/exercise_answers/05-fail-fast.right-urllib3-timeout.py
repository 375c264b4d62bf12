import requests
from urllib3.util import Timeout


def fetch_or_none(url):
    # a urllib3 Timeout object is a valid timeout= too
    try:
        response = requests.get(url, timeout=Timeout(connect=3, read=0.25))
    except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectTimeout):
        return None
    response.raise_for_status()
    return response.json()
