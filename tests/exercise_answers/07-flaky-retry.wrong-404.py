# expect: status_forcelist retries [404]
import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

EXAMPLE = "https://api.example.com"
patient_retry = Retry(total=4, backoff_factor=0.5, status_forcelist=[404, 500, 502, 503, 504])
with requests.Session() as exercise_session:
    exercise_session.mount(f"{EXAMPLE}/", HTTPAdapter(max_retries=patient_retry))
    patient_answer = exercise_session.get(
        f"{EXAMPLE}/flaky", params={"failures": 3, "key": "exercise"}, timeout=5
    )
