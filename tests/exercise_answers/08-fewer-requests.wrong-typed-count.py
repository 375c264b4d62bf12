# expect: but the simulator saw
import requests

# The count is typed, not counted: 3, while 10 requests went out
all_events = []
offset = 0
while offset < 237:
    r = requests.get(
        "https://api.example.com/events", params={"offset": offset, "limit": 25}, timeout=5
    )
    r.raise_for_status()
    all_events += r.json()["items"]
    offset += 25
events_requests = 3
