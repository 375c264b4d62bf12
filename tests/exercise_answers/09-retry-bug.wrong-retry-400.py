# expect: status_forcelist retries [400
# Retries every error status, 400 included
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def make_claude_session():
    """A Session for the Messages API: its headers, and retries for transient errors."""
    session = requests.Session()
    session.headers.update(HEADERS)
    retry = Retry(
        total=3,
        backoff_factor=0.5,
        status_forcelist=range(400, 600),
        allowed_methods=["POST"],
        raise_on_status=False,
    )
    session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
    return session
