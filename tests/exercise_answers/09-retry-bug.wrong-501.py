# expect: 501 Not Implemented never changes
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def make_claude_session():
    session = requests.Session()
    session.headers.update(HEADERS)
    retry = Retry(
        total=3,
        backoff_factor=0.5,
        status_forcelist=[429, 500, 501, 529],
        allowed_methods=["POST"],
        raise_on_status=False,
    )
    session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
    return session
