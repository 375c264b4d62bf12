import requests


def is_success(response):
    try:
        response.raise_for_status()
    except requests.HTTPError:
        return False
    return True
