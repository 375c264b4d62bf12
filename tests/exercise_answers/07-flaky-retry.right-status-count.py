import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

patient_retry = Retry(
    total=None,  # no overall limit, but every kind of retry has its own
    connect=2,
    read=2,
    status=4,
    other=0,
    backoff_factor=0.2,
    status_forcelist={503},
    allowed_methods=Retry.DEFAULT_ALLOWED_METHODS,
)
session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=patient_retry))
patient_answer = session.get(
    "https://api.example.com/flaky?failures=3&key=exercise", timeout=(3.05, 10)
)
