"""Checkers for notebook 07 (Retries and backoff)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util import Retry

from helpers.checkers._tools import (
    query_of,
    require_callable,
    require_response,
    require_timeout,
    require_url,
    sim,
)
from helpers.exercises import Wrong, exercise
from helpers.simulator import Call

HOST = "api.example.com"
EXAMPLE = f"https://{HOST}"
TRANSIENT = frozenset({429, 500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})


def _calls_during(action: Callable[[], Any]) -> tuple[Any, list[Call]]:
    """Run ``action`` and return its result and the requests it sent to the simulator."""
    before = len(sim().calls)
    result = action()
    return result, sim().calls[before:]


def _clear_faults() -> None:
    """Drop failures a checker queued and the learner's code did not use up."""
    plan = sim().app(HOST).extensions["faults"]
    with plan.lock:
        plan.queue.clear()


def _fresh_key(label: str) -> str:
    """A /flaky counter key nobody has used yet in this simulation."""
    return f"checker-{label}-{uuid.uuid4().hex[:12]}"


def _waits_for(retry: Retry, retries: int) -> list[float]:
    """urllib3's backoff before each of the first ``retries`` retries of ``retry``."""
    waits = []
    for _ in range(retries):
        try:
            retry = retry.increment(method="GET", url="/flaky")
        except MaxRetryError:
            break
        waits.append(round(retry.get_backoff_time(), 2))
    return waits


# --- 07-flaky-retry --------------------------------------------------------------------------


@exercise("07-flaky-retry", "patient_retry", "patient_answer")
def flaky_retry(patient_retry, patient_answer):
    if isinstance(patient_retry, int) and not isinstance(patient_retry, bool):
        raise Wrong(
            f"`patient_retry` is the number {patient_retry}: as max_retries it retries no "
            "status code at all.",
            "build a urllib3 Retry(...) with the statuses to retry in status_forcelist.",
        )
    if not isinstance(patient_retry, Retry):
        raise Wrong(
            f"`patient_retry` should be a urllib3 Retry, but it is a "
            f"{type(patient_retry).__name__}.",
            "keep patient_retry = Retry(...) from the exercise cell and change its arguments.",
        )
    r = require_response(patient_answer, "patient_answer")
    require_url(r, HOST, "/flaky")
    if query_of(r).get("failures") != ["3"]:
        raise Wrong(
            "the request did not ask for failures=3, so it does not test three failures.",
            'pass params={"failures": 3, "key": "exercise"}',
        )
    require_timeout(r)

    # Probe the policy itself on a fresh counter, so a lucky re-run cannot hide a weak policy.
    with requests.Session() as probe:
        probe.mount(f"{EXAMPLE}/", HTTPAdapter(max_retries=patient_retry))
        try:
            probed, calls = _calls_during(
                lambda: probe.get(
                    f"{EXAMPLE}/flaky",
                    params={"failures": 3, "key": _fresh_key("flaky")},
                    timeout=5,
                )
            )
        except requests.exceptions.RetryError:
            raise Wrong(
                "your policy gives up before the fourth attempt: GET /flaky with failures=3 "
                "ends in RetryError.",
                "three failures need three retries: raise total (and status, if you set it) to "
                "at least 3.",
            ) from None
    if probed.status_code != 200:
        raise Wrong(
            f"with your policy, GET /flaky with failures=3 still ends in {probed.status_code} "
            f"after {len(calls)} request(s).",
            "put 503 in status_forcelist and allow at least 3 retries (total=3 or more).",
        )
    if patient_answer.status_code != 200:
        raise Wrong(
            f"`patient_answer` is a {patient_answer.status_code}: it was sent before the policy "
            "was fixed, or not through exercise_session.",
            "run the exercise cell again, sending the GET with exercise_session.get(...).",
        )
    if patient_retry.is_retry("POST", 503):
        raise Wrong(
            "your policy retries POST: a POST whose answer got lost would be sent twice.",
            "leave allowed_methods out (its default set has no POST), or list only idempotent "
            "methods.",
        )
    if patient_retry.is_retry("GET", 404):
        raise Wrong(
            "your policy retries a 404, which will never change on its own.",
            "list only transient statuses in status_forcelist: 429, 500, 502, 503, 504.",
        )
    if not patient_retry.backoff_factor or patient_retry.backoff_factor <= 0:
        raise Wrong(
            "your policy has no backoff: the retries fire back to back at a struggling server.",
            "keep a backoff_factor such as 0.5.",
        )
    waits = _waits_for(patient_retry, 3)
    return (
        f"GET /flaky survived three 503s in {len(calls)} requests, and POST is never retried. "
        f"Against a real server urllib3 would wait {waits} seconds before the retries (the "
        "simulator counts retries but skips the sleeps)."
    )


# --- 07-should-retry -------------------------------------------------------------------------

METHODS = ("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH")
STATUSES = (200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 422, 429, 500, 501, 502, 503, 504)


def _why(method: str, status: int, expected: bool) -> str:
    if expected:
        if status == 429:
            return "429 is a rate limit: it passes once you wait (Retry-After says how long)."
        return f"{status} is a transient server-side failure, and {method} is safe to repeat."
    if status < 400:
        return f"{status} is not a failure: there is nothing to retry."
    if method not in IDEMPOTENT and status in TRANSIENT:
        return (
            f"{method} is not idempotent: if the server acted before the {status}, a retry "
            "does it twice."
        )
    if status == 501:
        return "501 Not Implemented is permanent: the server does not support this at all."
    return f"{status} is a permanent error: the same request gets the same answer."


@exercise("07-should-retry", "should_retry")
def should_retry_checker(should_retry):
    require_callable(
        should_retry,
        "should_retry",
        "keep def should_retry(method, status): ... and write its body.",
    )
    checked = 0
    for method in METHODS:
        for status in STATUSES:
            expected = method in IDEMPOTENT and status in TRANSIENT
            got = should_retry(method, status)
            checked += 1
            if bool(got) != expected:
                raise Wrong(
                    f"should_retry({method!r}, {status}) returned {got!r}, expected {expected}. "
                    + _why(method, status, expected),
                    "return True only when both hold: the method is in "
                    "Retry.DEFAULT_ALLOWED_METHODS and the status is 429, 500, 502, 503 or 504.",
                )
    return (
        f"all {checked} method and status combinations are right: retry transient statuses, "
        "and only for methods that are safe to repeat."
    )


# --- 07-fix-retry-loop -----------------------------------------------------------------------


class _Run:
    """One call of the learner's function against prepared failures."""

    def __init__(self, function: Callable[..., Any], path: str) -> None:
        self.waits: list[float] = []
        self.url = f"{EXAMPLE}{path}"
        with requests.Session() as session:
            try:
                self.result, calls = _calls_during(
                    lambda: function(session, self.url, sleep=self.waits.append)
                )
            finally:
                _clear_faults()
        self.requests = len(calls)

    def shown_waits(self) -> list[float]:
        return [round(wait, 2) for wait in self.waits]

    def status(self) -> object:
        result = self.result
        return result.status_code if isinstance(result, requests.Response) else result


def _require_returned_response(run: _Run, situation: str) -> requests.Response:
    if not isinstance(run.result, requests.Response):
        raise Wrong(
            f"{situation}, get_with_backoff returned {run.result!r} instead of the response.",
            "return the last response when the attempts run out, so the caller can read it.",
        )
    return run.result


@exercise("07-fix-retry-loop", "get_with_backoff")
def fix_retry_loop(get_with_backoff):
    require_callable(
        get_with_backoff,
        "get_with_backoff",
        "keep the def get_with_backoff(session, url, ...): from the exercise cell.",
    )


    missing = _Run(get_with_backoff, "/todos/999")
    _require_returned_response(missing, "for a 404")
    if missing.requests > 1 or missing.waits:
        raise Wrong(
            f"a 404 took {missing.requests} requests and {len(missing.waits)} wait(s): the loop "
            "retries permanent errors, which will never succeed.",
            "hand the response back at once unless its status is transient (429, 500, 502, "
            "503, 504): compare it with RETRYABLE, not with response.ok.",
        )
    invalid = _Run(get_with_backoff, "/flaky?failures=-1")
    if invalid.requests > 1:
        raise Wrong(
            f"a 422 took {invalid.requests} requests: a request the server finds invalid stays "
            "invalid.",
            "retry only the transient statuses: 429, 500, 502, 503, 504.",
        )

    sim().fail_next(HOST, 503, times=2)
    healing = _Run(get_with_backoff, "/todos/1")
    if healing.status() != 200 or healing.requests != 3:
        raise Wrong(
            f"after two 503s the function returned {healing.status()} after {healing.requests} "
            "request(s); it should retry and return the 200 of the third.",
            "retry the transient statuses (503 is one) until an attempt succeeds.",
        )
    if len(healing.waits) != 2:
        raise Wrong(
            f"two retries came with {len(healing.waits)} call(s) to sleep: the loop must wait "
            "before each retry, using the sleep function it was given.",
            "call sleep(...) (the parameter, not time.sleep) once before every retry.",
        )
    if any(not 0 <= wait <= 8.0 for wait in healing.waits):
        raise Wrong(
            f"the waits were {healing.shown_waits()}: outside 0 to the 8 second cap.",
            "draw each wait with rng.uniform(0, min(cap, base * 2 ** attempt)).",
        )

    sim().fail_next(HOST, 429, headers={"Retry-After": "2"})
    polite = _Run(get_with_backoff, "/todos/1")
    if polite.status() != 200 or [float(w) for w in polite.waits] != [2.0]:
        raise Wrong(
            f"after a 429 with Retry-After: 2 the function waited {polite.shown_waits()} and "
            f"returned {polite.status()}.",
            "when the response has a Retry-After header, sleep that many seconds, then retry.",
        )

    sim().fail_next(HOST, 503, times=10)
    down = _Run(get_with_backoff, "/todos/1")
    response = _require_returned_response(down, "when the server stayed down")
    if down.requests != 4 or response.status_code != 503:
        raise Wrong(
            f"with the server down, the function sent {down.requests} requests (attempts=4) "
            f"and returned {response.status_code}.",
            "stop after `attempts` requests and return the last response.",
        )
    if len(down.waits) != 3:
        raise Wrong(
            f"4 attempts came with {len(down.waits)} waits: there is no point sleeping after "
            "the last attempt.",
            "sleep only between attempts: 4 attempts, 3 waits.",
        )
    return (
        "a 404 or 422 now costs one request; 503s are retried with jittered waits, "
        "Retry-After is honoured, and the loop stops after 4 attempts."
    )
