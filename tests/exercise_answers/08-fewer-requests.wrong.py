# expect: are enough
import requests

# Unchanged: limit=25 still takes 10 requests
all_events = []
events_requests = 0
offset = 0
with requests.Session() as s:
    while True:
        r = s.get(
            "https://api.example.com/events", params={"offset": offset, "limit": 25}, timeout=5
        )
        r.raise_for_status()
        body = r.json()
        events_requests += 1
        all_events.extend(body["items"])
        offset += len(body["items"])
        if offset >= body["total"] or not body["items"]:
            break
