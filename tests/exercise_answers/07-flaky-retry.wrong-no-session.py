# expect: it was sent before the policy was fixed
import requests
from urllib3.util import Retry

EXAMPLE = "https://api.example.com"
patient_retry = Retry(total=3, backoff_factor=0.5, status_forcelist=[500, 502, 503, 504])
# the policy is never mounted: the GET goes out without retries
patient_answer = requests.get(
    f"{EXAMPLE}/flaky", params={"failures": 3, "key": "exercise"}, timeout=5
)
