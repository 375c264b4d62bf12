import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

patient_retry = Retry(
    total=5, backoff_factor=1, status_forcelist=[429, 500, 502, 503, 504], allowed_methods=["GET"]
)
with requests.Session() as exercise_session:
    exercise_session.mount("https://api.example.com", HTTPAdapter(max_retries=patient_retry))
    patient_answer = exercise_session.get(
        "https://api.example.com/flaky", params={"failures": "3", "key": "exercise"}, timeout=5
    )
