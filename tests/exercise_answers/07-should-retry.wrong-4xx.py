# expect: 400 is a permanent error
def should_retry(method, status):
    """True if a `method` request that got `status` back is worth retrying."""
    return method in {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"} and status >= 400
