import requests
from urllib3.util import Timeout

first_response = requests.request(
    "get",
    "https://httpbin.org/get",
    params=[("topic", "apis")],
    timeout=Timeout(connect=3, read=10),
)
