import requests

all_events = []
events_requests = 0
with requests.Session() as s:
    offset = 0
    while True:
        page = s.get(
            "https://api.example.com/events",
            params={"offset": offset, "limit": 100},
            timeout=(3.05, 10),
        )
        events_requests += 1
        page.raise_for_status()
        body = page.json()
        all_events.extend(body["items"])
        offset += len(body["items"])
        if not body["items"] or offset >= body["total"]:
            break
