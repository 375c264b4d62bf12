def should_retry(method, status):
    if method.upper() in ("POST", "PATCH"):
        return False
    if status == 429:
        return True
    return status in range(500, 505) and status != 501
