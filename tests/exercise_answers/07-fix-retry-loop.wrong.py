# expect: retries permanent errors
import random
import time

import requests

EXAMPLE = "https://api.example.com"


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    """GET ``url``; retry transient failures with capped exponential backoff and full jitter."""
    for attempt in range(attempts):
        response = session.get(url, timeout=5)
        if response.ok or attempt == attempts - 1:
            return response
        retry_after = response.headers.get("Retry-After")
        if retry_after and retry_after.isdigit():
            sleep(int(retry_after))
        else:
            sleep(rng.uniform(0, min(cap, base * 2**attempt)))


hunt_waits = []
with requests.Session() as hunt_session:
    missing_model = get_with_backoff(
        hunt_session, f"{EXAMPLE}/models/gpt-17", sleep=hunt_waits.append
    )
