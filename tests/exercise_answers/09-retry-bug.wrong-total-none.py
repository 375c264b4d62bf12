# expect: does not bound the retries
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def make_claude_session():
    session = requests.Session()
    session.headers.update(HEADERS)
    retry = Retry(
        total=None,
        backoff_factor=0.5,
        status_forcelist=[429, 500, 529],
        allowed_methods=["POST"],
        raise_on_status=False,
    )
    session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
    return session
