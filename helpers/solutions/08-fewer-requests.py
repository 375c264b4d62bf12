import requests

# Reference solution: 08-fewer-requests
all_events = []
events_requests = 0
offset = 0
with requests.Session() as s:
    while True:
        r = s.get(
            "https://api.example.com/events", params={"offset": offset, "limit": 100}, timeout=5
        )
        r.raise_for_status()
        body = r.json()
        events_requests += 1
        all_events.extend(body["items"])
        offset += len(body["items"])
        if offset >= body["total"] or not body["items"]:
            break
print(f"{len(all_events)} events in {events_requests} requests")
