# expect: requests without stopping
import random
import time

RETRYABLE = {429, 500, 502, 503, 504}


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    attempt = 0
    while True:  # forgot the attempts limit
        response = session.get(url, timeout=5)
        if response.status_code not in RETRYABLE:
            return response
        retry_after = response.headers.get("Retry-After", "")
        sleep(
            min(int(retry_after), 60)
            if retry_after.isdigit()
            else rng.uniform(0, min(cap, base * 2**attempt))
        )
        attempt += 1
