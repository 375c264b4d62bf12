"""Endpoints for retry and timeout lessons: flaky (503), rate-limited (429) and slow.

Everything counts calls instead of reading a clock, so an in-process run is deterministic:
the same sequence of calls always gets the same sequence of answers.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Hashable

from flask import Flask, Response, current_app

from helpers.services._common import MAX_SLEEP_SECONDS, simulated_sleep

from .errors import ApiError
from .support import json_response, route
from .validation import int_arg, number_arg, raise_if, text_arg

STATE = "example.reliability"
MAX_FAILURES = 20
MAX_LIMIT = 100


class CallCounts:
    """Per-app call counters, one per key: ``bump(key)`` returns 1, 2, 3, ..."""

    def __init__(self) -> None:
        self._counts: defaultdict[Hashable, int] = defaultdict(int)
        self._lock = threading.Lock()

    def bump(self, key: Hashable) -> int:
        with self._lock:
            self._counts[key] += 1
            return self._counts[key]


def register(app: Flask) -> None:
    app.extensions[STATE] = CallCounts()
    route(app, "/flaky", "flaky", GET=flaky)
    route(app, "/rate-limited", "rate_limited", GET=rate_limited)
    route(app, "/slow", "slow", GET=slow)


def _counts() -> CallCounts:
    return current_app.extensions[STATE]


def flaky() -> Response:
    """The first ``failures`` calls with the same (key, failures) answer 503, later ones 200."""
    details = []
    failures = int_arg("failures", 2, details, minimum=0, maximum=MAX_FAILURES)
    key = text_arg("key", "default", details)
    raise_if(details)
    attempt = _counts().bump(("flaky", key, failures))
    if attempt <= failures:
        raise ApiError(
            503,
            f"The service is temporarily unavailable (attempt {attempt}; the first {failures} "
            "attempts fail). This is temporary: retry with backoff.",
        )
    return json_response({"status": "ok", "attempt": attempt})


def rate_limited() -> Response:
    """``limit`` calls pass, the next ``blocked`` get 429, then the cycle starts again."""
    details = []
    limit = int_arg("limit", 3, details, minimum=1, maximum=MAX_LIMIT)
    blocked = int_arg("blocked", 2, details, minimum=0, maximum=MAX_LIMIT)
    key = text_arg("key", "default", details)
    raise_if(details)
    call = _counts().bump(("rate-limited", key, limit, blocked))
    position = (call - 1) % (limit + blocked)
    if position >= limit:
        raise ApiError(
            429,
            f"Rate limit exceeded: {limit} calls are allowed, then {blocked} are refused. "
            "Wait the number of seconds in the Retry-After header, then retry.",
            headers={
                "Retry-After": "1",
                "X-RateLimit-Limit": str(limit),
                "X-RateLimit-Remaining": "0",
            },
        )
    remaining = limit - position - 1
    headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining)}
    return json_response({"status": "ok", "call": call, "remaining": remaining}, headers=headers)


def slow() -> Response:
    """Wait ``seconds`` (default 2, at most 10) before answering."""
    details = []
    seconds = number_arg("seconds", 2.0, details, maximum=MAX_SLEEP_SECONDS)
    raise_if(details)
    simulated_sleep(seconds)
    return json_response({"slept": int(seconds) if seconds.is_integer() else seconds})
