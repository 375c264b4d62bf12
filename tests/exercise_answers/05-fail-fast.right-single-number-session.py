import requests


def fetch_or_none(url):
    # one number sets both timeouts; Timeout catches ReadTimeout too; a Session works as well
    with requests.Session() as session:
        try:
            response = session.get(url, timeout=0.5)
        except requests.exceptions.Timeout:
            return None
        response.raise_for_status()
        return response.json()
