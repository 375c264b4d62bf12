import random
import time

TRANSIENT = (429, 500, 502, 503, 504)


def get_with_backoff(session, url, *, attempts=4, base=0.5, cap=8.0, sleep=time.sleep, rng=random):
    attempt = 0
    while True:
        response = session.get(url, timeout=(3, 10))
        attempt += 1
        if response.status_code not in TRANSIENT or attempt >= attempts:
            return response
        header = response.headers.get("Retry-After", "")
        wait = (
            min(float(header), 90.0)
            if header.isdigit()
            else rng.uniform(0, min(cap, base * 2 ** (attempt - 1)))
        )
        sleep(wait)
