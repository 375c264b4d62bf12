# expect: 429 is a rate limit
def should_retry(method, status):
    """True if a `method` request that got `status` back is worth retrying."""
    return method != "POST" and status >= 500
