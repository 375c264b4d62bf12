from urllib3.util import Retry


# Reference solution: 07-should-retry
def should_retry(method, status):
    """True if a `method` request that got `status` back is worth retrying."""
    idempotent = method in Retry.DEFAULT_ALLOWED_METHODS  # GET, HEAD, PUT, DELETE, OPTIONS, TRACE
    transient = status in {429, 500, 502, 503, 504}
    return idempotent and transient


print(should_retry("GET", 503), should_retry("POST", 503), should_retry("GET", 404))
