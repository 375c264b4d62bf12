# expect: ignores the server's Retry-After
import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

EXAMPLE = "https://api.example.com"

patient_retry = Retry(
    total=3, backoff_factor=0.5, status_forcelist=[503], respect_retry_after_header=False
)
with requests.Session() as exercise_session:
    exercise_session.mount(f"{EXAMPLE}/", HTTPAdapter(max_retries=patient_retry))
    patient_answer = exercise_session.get(
        f"{EXAMPLE}/flaky", params={"failures": 3, "key": "exercise"}, timeout=5
    )
