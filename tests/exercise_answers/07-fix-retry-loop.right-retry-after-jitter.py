import random
import time

RETRYABLE = {429, 500, 502, 503, 504}


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    # Retry-After plus a little jitter, so clients told the same wait do not return together
    for attempt in range(attempts):
        response = session.get(url, timeout=(3.05, 10))
        if response.status_code not in RETRYABLE or attempt == attempts - 1:
            return response
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.isdigit():
            sleep(min(int(retry_after), 30) + rng.uniform(0, 0.5))
        else:
            sleep(rng.uniform(0, min(cap, base * 2**attempt)))
