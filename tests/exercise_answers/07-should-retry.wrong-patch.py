# expect: PATCH is not idempotent
def should_retry(method, status):
    """True if a `method` request that got `status` back is worth retrying."""
    return method != "POST" and status in (429, 500, 502, 503, 504)
