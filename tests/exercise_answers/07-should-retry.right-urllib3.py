from urllib3.util import Retry

policy = Retry(status_forcelist=[429, 500, 502, 503, 504])


def should_retry(method, status):
    """Let urllib3 decide, with the same policy a Session would use."""
    return policy.is_retry(method, status)
