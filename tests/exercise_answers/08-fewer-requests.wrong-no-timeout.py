# expect: has no timeout
import requests

all_events = []
events_requests = 0
for offset in (0, 100, 200):
    r = requests.get("https://api.example.com/events", params={"offset": offset, "limit": 100})
    r.raise_for_status()
    events_requests += 1
    all_events += r.json()["items"]
