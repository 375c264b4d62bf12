# expect: after a 429 with Retry-After: 2
import random
import time


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    for attempt in range(attempts):
        response = session.get(url, timeout=5)
        if response.status_code not in (500, 502, 503, 504) or attempt == attempts - 1:
            return response
        retry_after = response.headers.get("Retry-After")
        if retry_after and retry_after.isdigit():
            sleep(int(retry_after))
        else:
            sleep(rng.uniform(0, min(cap, base * 2**attempt)))
