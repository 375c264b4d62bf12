
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

# live mode: HEADERS holds the learner's own key, which the offline check must not need
HEADERS = {"x-api-key": "learners-own-real-key", "anthropic-version": "2023-06-01"}


def make_claude_session():
    """A Session for the Messages API: its headers, and retries for transient errors."""
    session = requests.Session()
    session.headers.update(HEADERS)
    retry = Retry(
        total=3,
        backoff_factor=0.5,
        status_forcelist=[429, 500, 529],  # the fix: 529 overloaded_error is Anthropic's own
        allowed_methods=["POST"],
        raise_on_status=False,
    )
    session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
    return session
