"""Checkers for notebook 07 (Retries and backoff)."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util import Retry

from helpers.checkers._tools import (
    IDEMPOTENT,
    TRANSIENT,
    Run,
    query_of,
    require_callable,
    require_response,
    require_retry_policy,
    require_timeout,
    require_timeouts,
    require_url,
    run,
    short,
    sim,
)
from helpers.exercises import Wrong, exercise
from helpers.simulator import Call

HOST = "api.example.com"
EXAMPLE = f"https://{HOST}"


def _calls_during(action: Callable[[], Any]) -> tuple[Any, list[Call]]:
    """Run ``action`` and return its result and the requests it sent."""
    done = run(action)
    return done.result, done.calls


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


def _require_retry(patient_retry: object) -> Retry:
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
    require_retry_policy(patient_retry)
    return patient_retry


def _survives_three_failures(patient_retry: Retry) -> int:
    """Probe the policy on a fresh counter, so a lucky re-run cannot hide a weak policy."""
    with requests.Session() as probe:
        probe.mount(f"{EXAMPLE}/", HTTPAdapter(max_retries=patient_retry))
        params = {"failures": 3, "key": _fresh_key("flaky")}
        try:
            probed, calls = _calls_during(
                lambda: probe.get(f"{EXAMPLE}/flaky", params=params, timeout=5)
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
    return len(calls)


@exercise("07-flaky-retry", "patient_retry", "patient_answer")
def flaky_retry(patient_retry, patient_answer):
    retry = _require_retry(patient_retry)
    r = require_response(patient_answer, "patient_answer")
    require_url(r, HOST, "/flaky")
    if query_of(r).get("failures") != ["3"]:
        raise Wrong(
            "the request did not ask for failures=3, so it does not test three failures.",
            'pass params={"failures": 3, "key": "exercise"}',
        )
    require_timeout(r)
    sent = _survives_three_failures(retry)
    if r.status_code != 200:
        raise Wrong(
            f"`patient_answer` is a {r.status_code}: it was sent before the policy "
            "was fixed, or not through exercise_session.",
            "run the exercise cell again, sending the GET with exercise_session.get(...).",
        )
    return (
        f"GET /flaky survived three 503s in {sent} requests, and POST is never retried. "
        f"Against a real server urllib3 would wait {_waits_for(retry, 3)} seconds before the "
        "retries (the simulator counts retries but skips the sleeps)."
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


class _Top(random.Random):
    """An rng that always draws the top of the range: shows the longest wait a policy allows."""

    def random(self) -> float:
        return 0.999999


def _try(function: Callable[..., Any], path: str, **kwargs) -> Run:
    """One call of the learner's function, sleeping on the check's virtual clock."""
    kwargs.setdefault("rng", random.Random(7))
    with requests.Session() as session:
        return run(lambda: function(session, f"{EXAMPLE}{path}", sleep=time.sleep, **kwargs))


def _status(done: Run) -> object:
    result = done.result
    return result.status_code if isinstance(result, requests.Response) else short(result)


def _require_returned_response(done: Run, situation: str) -> requests.Response:
    if not isinstance(done.result, requests.Response):
        raise Wrong(
            f"{situation}, get_with_backoff returned {short(done.result)} instead of the response.",
            "return the last response when the attempts run out, so the caller can read it.",
        )
    return done.result


def _waits(done: Run) -> list[float]:
    return [round(wait, 2) for wait in done.sleeps]


def _only_transient_retried(get_with_backoff) -> None:
    for path, status in (("/todos/999", 404), ("/flaky?failures=-1", 422), ("/todos/1", 501)):
        if status == 501:  # Not Implemented: a 5xx that no retry will ever fix
            sim().fail_next(HOST, 501)
        done = _try(get_with_backoff, path)
        _require_returned_response(done, f"for a {status}")
        if len(done.calls) > 1 or done.sleeps:
            raise Wrong(
                f"a {status} took {len(done.calls)} requests and {len(done.sleeps)} wait(s): the "
                "loop retries permanent errors, which will never succeed.",
                "hand the response back at once unless its status is transient (429, 500, 502, "
                "503, 504): compare it with RETRYABLE, not with response.ok.",
            )


def _paced(get_with_backoff) -> None:
    sim().fail_next(HOST, 503, times=2)
    healing = _try(get_with_backoff, "/todos/1")
    if _status(healing) != 200 or len(healing.calls) != 3:
        raise Wrong(
            f"after two 503s the function returned {_status(healing)} after "
            f"{len(healing.calls)} request(s); it should retry and return the 200 of the third.",
            "retry the transient statuses (503 is one) until an attempt succeeds.",
        )
    if len(healing.sleeps) != 2:
        raise Wrong(
            f"two retries came with {len(healing.sleeps)} call(s) to sleep: the loop must wait "
            "before each retry, using the sleep function it was given.",
            "call sleep(...) (the parameter) once before every retry.",
        )
    if any(wait <= 0 for wait in healing.sleeps):
        raise Wrong(
            f"the waits were {_waits(healing)}: a wait of 0 is no pause at all, so the retries "
            "hit the struggling server back to back.",
            "draw each wait with rng.uniform(0, min(cap, base * 2 ** attempt)).",
        )
    sim().fail_next(HOST, 503, times=8)
    longest = _try(get_with_backoff, "/todos/1", attempts=8, rng=_Top())
    if any(wait > 8.0 for wait in longest.sleeps):
        raise Wrong(
            f"with attempts=8 the waits could grow to {_waits(longest)}: there is no cap, so "
            "a long outage means minutes of silence between attempts.",
            "cap each wait: min(cap, base * 2 ** attempt), with cap=8.0.",
        )
    runs = []
    for seed in (1, 2):
        sim().fail_next(HOST, 503, times=3)
        runs.append(_waits(_try(get_with_backoff, "/todos/1", rng=random.Random(seed))))
    if runs[0] == runs[1]:
        raise Wrong(
            f"two clients drew the same waits {runs[0]}: with no jitter, every client that "
            "failed together retries together, in lockstep.",
            "draw the wait at random with the rng it was given: rng.uniform(0, ...).",
        )


def _polite(get_with_backoff) -> None:
    sim().fail_next(HOST, 429, headers={"Retry-After": "2"})
    polite = _try(get_with_backoff, "/todos/1")
    if _status(polite) != 200 or len(polite.sleeps) != 1 or not 2 <= polite.sleeps[0] <= 3:
        raise Wrong(
            f"after a 429 with Retry-After: 2 the function waited {_waits(polite)} and "
            f"returned {_status(polite)}.",
            "when the response has a Retry-After header, sleep that many seconds, then retry.",
        )


def _capped_retry_after(get_with_backoff) -> None:
    sim().fail_next(HOST, 503, headers={"Retry-After": "86400"})
    waits: list[float] = []
    with requests.Session() as session:
        run(lambda: get_with_backoff(session, f"{EXAMPLE}/todos/1", sleep=waits.append))
    if any(wait > 300 for wait in waits):
        raise Wrong(
            f"after a 503 with Retry-After: 86400 the function waited {waits} s: a server (or a "
            "proxy) that says 'a day' would hang your job for a day.",
            "cap what Retry-After asks for, e.g. sleep(min(int(retry_after), 60)), and give up "
            "later if that is not enough.",
        )


def _bounded(get_with_backoff) -> int:
    sim().fail_next(HOST, 503, times=100)  # down for good: only a bounded loop stops
    down = _try(get_with_backoff, "/todos/1")
    response = _require_returned_response(down, "when the server stayed down")
    if len(down.calls) != 4 or response.status_code != 503:
        raise Wrong(
            f"with the server down, the function sent {len(down.calls)} requests (attempts=4) "
            f"and returned {response.status_code}.",
            "stop after `attempts` requests and return the last response.",
        )
    if len(down.sleeps) != 3:
        raise Wrong(
            f"4 attempts came with {len(down.sleeps)} waits: there is no point sleeping after "
            "the last attempt.",
            "sleep only between attempts: 4 attempts, 3 waits.",
        )
    require_timeouts(down.calls)
    return len(down.calls)


@exercise("07-fix-retry-loop", "get_with_backoff")
def fix_retry_loop(get_with_backoff):
    require_callable(
        get_with_backoff,
        "get_with_backoff",
        "keep the def get_with_backoff(session, url, ...): from the exercise cell.",
    )
    _only_transient_retried(get_with_backoff)
    _paced(get_with_backoff)
    _polite(get_with_backoff)
    _capped_retry_after(get_with_backoff)
    _bounded(get_with_backoff)
    return (
        "a 404 or 422 now costs one request; 503s are retried with capped, jittered waits, "
        "Retry-After is honoured (and capped), and the loop stops after 4 attempts."
    )
