# Reference solution: 09-retry-bug
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
        read=False,
        backoff_factor=0.5,
        status_forcelist=[429, 500, 502, 503, 504, 529],  # the fix: 529 is Anthropic's own
        allowed_methods=["POST"],
        raise_on_status=False,
    )
    session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
    return session
