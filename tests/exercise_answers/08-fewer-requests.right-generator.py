import requests


def iter_events(session, limit=100):
    offset = 0
    while True:
        url = f"https://api.example.com/events?offset={offset}&limit={limit}"
        r = session.get(url, timeout=(3, 10))
        r.raise_for_status()
        body = r.json()
        yield body["items"]
        offset += len(body["items"])
        if offset >= body["total"]:
            return


# an earlier, slower attempt is still in the call log
requests.get("https://api.example.com/events", params={"limit": 25}, timeout=5)

session = requests.Session()
pages = list(iter_events(session))
all_events = [event for page in pages for event in page]
events_requests = len(pages)
