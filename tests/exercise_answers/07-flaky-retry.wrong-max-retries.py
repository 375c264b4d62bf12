# expect: still ends in 503
import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

EXAMPLE = "https://api.example.com"
patient_retry = Retry(5, backoff_factor=0.5)  # like max_retries=5: no status_forcelist
with requests.Session() as exercise_session:
    exercise_session.mount(f"{EXAMPLE}/", HTTPAdapter(max_retries=patient_retry))
    patient_answer = exercise_session.get(
        f"{EXAMPLE}/flaky", params={"failures": 3, "key": "exercise"}, timeout=5
    )
