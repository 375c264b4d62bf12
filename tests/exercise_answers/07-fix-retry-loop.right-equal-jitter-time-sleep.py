import random
import time


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    # "equal jitter": half fixed, half random; waits via the sleep it was given
    response = None
    for attempt in range(1, attempts + 1):
        response = session.get(url, timeout=5)
        if response.status_code not in (429, 500, 502, 503, 504):
            break
        if attempt == attempts:
            break
        header = response.headers.get("Retry-After")
        if header is not None and header.strip().isdigit():
            sleep(min(float(header), 120.0))
            continue
        ceiling = min(cap, base * 2 ** (attempt - 1))
        sleep(ceiling / 2 + rng.random() * ceiling / 2)
    return response
