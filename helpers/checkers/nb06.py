"""Checkers for notebook 06 (Sessions and API clients)."""

from __future__ import annotations

import contextlib
import os

import requests

from helpers.checkers._tools import (
    require_no_idle_setdefault,
    require_no_secret,
    require_response,
    require_timeout,
    require_timeouts,
    require_url,
    run,
    short,
    sim,
)
from helpers.exercises import Wrong, exercise
from helpers.simulator import Call

HEADERS_URL = "https://httpbin.org/headers"
SLOW_URL = "https://api.example.com/slow"
DEFAULT_HEADERS = ("User-Agent", "Accept-Encoding", "Accept")
IRIS = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}


def _new_calls(before: int) -> list[Call]:
    return sim().calls[before:]


def _only_call(before: int, what: str) -> Call:
    calls = _new_calls(before)
    if not calls:
        raise Wrong(
            f"{what} sent no request at all.",
            "make sure the method ends by calling (and returning) super().request(...)",
        )
    return calls[-1]


# -- 06-session-headers ---------------------------------------------------------------------


@exercise("06-session-headers", "iris_session", "iris_headers")
def session_headers(iris_session, iris_headers):
    if not isinstance(iris_session, requests.Session):
        raise Wrong(
            f"`iris_session` should be a requests.Session, but it is a "
            f"{type(iris_session).__name__}.",
            "keep the first line: iris_session = requests.Session()",
        )
    r = require_response(iris_headers, "iris_headers")
    require_url(r, "httpbin.org", "/headers")
    require_timeout(r)
    if r.request.headers.get("X-Dataset") != "iris":
        raise Wrong(
            "your request to /headers did not carry the header X-Dataset: iris.",
            'add it to the session: iris_session.headers.update({"X-Dataset": "iris"}), '
            "then run the cell again",
        )
    # The header must live on the session: a second call has to carry it too.
    again = iris_session.get(HEADERS_URL, timeout=5)
    sent = again.request.headers
    if sent.get("X-Dataset") != "iris":
        raise Wrong(
            "the header was on that one call, but not on the session: the next call from "
            "iris_session went out without X-Dataset.",
            "put it on the session instead of passing headers= to the call: "
            'iris_session.headers.update({"X-Dataset": "iris"})',
        )
    lost = [name for name in DEFAULT_HEADERS if name not in sent]
    if lost:
        raise Wrong(
            f"the session lost requests' default headers ({', '.join(lost)}): assigning a "
            "new dict to iris_session.headers replaces them all.",
            'add to the defaults instead: iris_session.headers.update({"X-Dataset": "iris"}) '
            'or iris_session.headers["X-Dataset"] = "iris"',
        )
    echoed = again.json()["headers"].get("X-Dataset")
    return (
        f"every call from iris_session now carries X-Dataset: {echoed}, merged with the "
        "session's default headers, without repeating it on each call."
    )


# -- 06-timeout-session ---------------------------------------------------------------------


def _default_is_sent(session: requests.Session) -> None:
    """A call without timeout= goes out with the session's default."""
    before = len(sim().calls)
    with contextlib.suppress(requests.exceptions.ReadTimeout):
        session.get(f"{SLOW_URL}?seconds=1")
    used = _only_call(before, "session.get(...)").timeout
    if used is None:
        raise Wrong(
            "a call without timeout= went out with no timeout at all, so it waited for "
            "the slow endpoint's whole second.",
            'fill in the default before sending: kwargs.setdefault("timeout", '
            "self.default_timeout)",
        )
    if used != 0.2:
        raise Wrong(
            f"TimeoutSession(0.2) sent a call without timeout= with timeout={short(used)}.",
            "use the value __init__ stored: self.default_timeout",
        )


def _callers_timeout_wins(session: requests.Session) -> None:
    """A call that passes timeout= keeps it, and gets the Response back."""
    before = len(sim().calls)
    try:
        r = session.get(f"{SLOW_URL}?seconds=0.3", timeout=2)
    except requests.exceptions.ReadTimeout:
        raise Wrong(
            "a call that passed timeout=2 timed out after 0.2 s: your default replaced "
            "the caller's own timeout.",
            "only fill in a timeout when the call gave none: kwargs.setdefault(...) "
            'does exactly that, kwargs["timeout"] = ... does not',
        ) from None
    used = _only_call(before, "session.get(...)").timeout
    if used != 2:
        raise Wrong(
            f"a call that passed timeout=2 was sent with timeout={short(used)}.",
            "keep the caller's timeout: kwargs.setdefault(...) only fills in a missing one",
        )
    if not isinstance(r, requests.Response):
        raise Wrong(
            f"session.get(...) returned {type(r).__name__}, not the Response.",
            "return what the parent returns: return super().request(method, url, **kwargs)",
        )


def _every_verb(session: requests.Session) -> int:
    """Every verb goes through request(): a POST gets the default too."""
    before = len(sim().calls)
    posted = session.post("https://httpbin.org/post", json={"rows": 3})
    used = _only_call(before, "session.post(...)").timeout
    if used != 0.2:
        raise Wrong(
            f"session.post(...) without timeout= was sent with timeout={short(used)}: only "
            "some verbs get the default.",
            "override request() (every verb calls it), not get() alone",
        )
    return posted.status_code


@exercise("06-timeout-session", "TimeoutSession")
def timeout_session(TimeoutSession):
    if not (isinstance(TimeoutSession, type) and issubclass(TimeoutSession, requests.Session)):
        raise Wrong(
            "`TimeoutSession` should be a class that inherits from requests.Session.",
            "keep the line `class TimeoutSession(requests.Session):` and fill in request()",
        )
    require_no_idle_setdefault(TimeoutSession)
    with TimeoutSession(0.2) as session:
        _default_is_sent(session)
        _callers_timeout_wins(session)
        status = _every_verb(session)
    return (
        f"calls without timeout= got 0.2 s (the slow endpoint timed out), timeout=2 was kept, "
        f"and POST got the default too (status {status})."
    )


# -- 06-client-bug --------------------------------------------------------------------------


def _bad_input_raises(client, ExampleAPIError) -> None:
    """A 422 raises the client's own exception, which keeps the response; with a timeout."""
    done = run(lambda: client.predict("iris-classifier", {"sepal_length": 5.1}), catch=True)
    if done.error is None:
        raise Wrong(
            f"predict() with a missing feature returned {short(done.result)} instead of "
            "raising ExampleAPIError: the 422 went unnoticed.",
            "compare predict() with report(): which one goes through _request()?",
        )
    if not isinstance(done.error, ExampleAPIError):
        if isinstance(done.error, requests.HTTPError):
            raise Wrong(
                "predict() raised requests' HTTPError; the client promises ExampleAPIError, "
                "so callers can catch one exception for every method.",
                "let predict() go through self._request(...), like report() does",
            )
        raise done.error
    response = getattr(done.error, "response", None)
    if not isinstance(response, requests.Response) or response.status_code != 422:
        raise Wrong(
            "predict() raised ExampleAPIError, but without the 422 response in `.response`.",
            "build the error from the response: raise ExampleAPIError(response)",
        )
    _require_client_timeout(done.calls)


def _require_client_timeout(calls: list[Call]) -> None:
    if not calls or calls[-1].timeout is None:
        raise Wrong(
            "predict() sends its request without a timeout, so a slow model could hang it forever.",
            "let predict() go through self._request(...), which adds the timeout",
        )
    require_timeouts(calls)


def _good_input_works(client) -> dict:
    done = run(lambda: client.predict("iris-classifier", IRIS))
    if not isinstance(done.result, dict) or "label" not in done.result:
        raise Wrong(
            f"predict() with valid features returned {short(done.result)}, not the "
            "prediction dict.",
            "return the JSON body, as _request() does: return self._request(...)",
        )
    _require_client_timeout(done.calls)
    return done.result


@exercise("06-client-bug", "ExampleClient", "ExampleAPIError")
def client_bug(ExampleClient, ExampleAPIError):
    if not (isinstance(ExampleAPIError, type) and issubclass(ExampleAPIError, Exception)):
        raise Wrong(
            "`ExampleAPIError` should be an exception class.",
            "keep the class ExampleAPIError(Exception) from the exercise cell",
        )
    require_no_idle_setdefault(ExampleClient)
    made = run(lambda: ExampleClient(os.environ["EXAMPLE_API_KEY"]))
    require_no_secret(made.output)
    with made.result as client:
        _bad_input_raises(client, ExampleAPIError)
        prediction = _good_input_works(client)
        title = client.report(1)["title"]
    return (
        f"predict() now has the client's timeout and raises ExampleAPIError on a 422; a good "
        f"prediction is {prediction['label']!r}, and report(1) is still {title!r}."
    )
