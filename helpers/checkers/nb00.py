"""Checkers for notebook 00 (Start here)."""

from __future__ import annotations

from helpers.checkers._tools import query_of, require_response, require_timeout, require_url
from helpers.exercises import Wrong, exercise


@exercise("00-first-request", "first_response")
def first_request(first_response):
    r = require_response(first_response, "first_response")
    if r.request.method != "GET":
        raise Wrong(f"you sent a {r.request.method} request.", "use requests.get(...)")
    require_url(r, "httpbin.org", "/get")
    topic = query_of(r).get("topic")
    if topic != ["apis"]:
        found = "no `topic` parameter" if topic is None else f"topic={topic}"
        raise Wrong(
            f"the URL has {found}, so httpbin cannot echo topic=apis back.",
            'pass params={"topic": "apis"} (requests builds the ?topic=apis part for you)',
        )
    require_timeout(r)
    return f"httpbin echoed your query back: {r.json()['args']}"
