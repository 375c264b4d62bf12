# expect: requests without stopping
import requests


def fetch_or_none(url):
    # "fail fast", then try again... forever
    while True:
        try:
            response = requests.get(url, timeout=(3, 0.5))
        except requests.exceptions.ReadTimeout:
            continue
        response.raise_for_status()
        return response.json()
