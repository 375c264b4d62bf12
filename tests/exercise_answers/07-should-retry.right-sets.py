SAFE = frozenset(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"])


def should_retry(method, status):
    return ({method.upper()} <= SAFE and status in range(500, 505) and status != 501) or (
        status == 429 and method.upper() in SAFE
    )
