# expect: a 501 took
import random
import time

import requests

EXAMPLE = "https://api.example.com"
RETRYABLE = {429, 500, 502, 503, 504}


# Reference solution: 07-fix-retry-loop
def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    """GET ``url``; retry transient failures with capped exponential backoff and full jitter."""
    for attempt in range(attempts):
        response = session.get(url, timeout=5)
        # The bug: `response.ok` let every error through to a retry, 404s included.
        if (response.status_code < 500 and response.status_code != 429) or attempt == attempts - 1:
            return response
        retry_after = response.headers.get("Retry-After")
        if retry_after and retry_after.isdigit():
            sleep(min(int(retry_after), 60))  # the server said how long: at most a minute
        else:
            sleep(rng.uniform(0, min(cap, base * 2**attempt)))


hunt_waits = []
with requests.Session() as hunt_session:
    missing_model = get_with_backoff(
        hunt_session, f"{EXAMPLE}/models/gpt-17", sleep=hunt_waits.append
    )
print(missing_model.status_code, "after", len(hunt_waits) + 1, "requests")
