# expect: refuses this timeout
import random
import time

RETRYABLE = {429, 500, 502, 503, 504}


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    for attempt in range(attempts):
        response = session.get(url, timeout=0)
        if response.status_code not in RETRYABLE or attempt == attempts - 1:
            return response
        sleep(rng.uniform(0, min(cap, base * 2**attempt)))
