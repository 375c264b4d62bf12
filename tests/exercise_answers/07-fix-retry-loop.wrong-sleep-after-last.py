# expect: no point sleeping after the last attempt
import random
import time

RETRYABLE = {429, 500, 502, 503, 504}


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    for attempt in range(attempts):
        response = session.get(url, timeout=5)
        if response.status_code not in RETRYABLE:
            return response
        retry_after = response.headers.get("Retry-After")
        if retry_after and retry_after.isdigit():
            sleep(min(int(retry_after), 60))
        else:
            sleep(rng.uniform(0, min(cap, base * 2**attempt)))
    return response
