# expect: 501 Not Implemented is permanent
from urllib3.util import Retry


def should_retry(method, status):
    # "every 5xx is the server's fault, so retry it": 501 never changes
    return method.upper() in Retry.DEFAULT_ALLOWED_METHODS and (status == 429 or status >= 500)
