"""Checkers for notebook 05 (Errors and timeouts)."""

from __future__ import annotations

import requests

from helpers.checkers._tools import (
    require_callable,
    require_narrow_except,
    require_valid_timeout,
    run,
    short,
    split_timeout,
)
from helpers.exercises import NotAttempted, Wrong, exercise

E = requests.exceptions

BASE = "https://api.example.com"
FAST_URL = f"{BASE}/slow?seconds=0"
SLOW_URL = f"{BASE}/slow?seconds=2"
MISSING_URL = f"{BASE}/todos/999"
LIST_URL = f"{BASE}/todos"


def _require_function(value: object, name: str) -> None:
    require_callable(value, name, f"define it with def {name}(...): and run the cell")


def _carries_404(error: BaseException | None) -> bool:
    """An HTTPError for the 404, or an exception of the learner's that keeps it."""
    seen = 0
    while error is not None and seen < 5:
        response = getattr(error, "response", None)
        if isinstance(response, requests.Response) and response.status_code == 404:
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _is_timeout(error: BaseException | None) -> bool:
    return isinstance(error, E.Timeout) or isinstance(getattr(error, "__cause__", None), E.Timeout)


# -- 05-fail-fast ----------------------------------------------------------------------------


def _fast_and_bounded(fetch_or_none) -> tuple[object, float]:
    """A quick answer comes back as JSON, sent with a valid timeout whose read part is short."""
    fast = run(lambda: fetch_or_none(FAST_URL))
    if not fast.calls:
        raise Wrong(
            "fetch_or_none(url) sent no request.",
            "keep the requests.get(url, timeout=...) call and use the url it receives",
        )
    timeout = fast.calls[-1].timeout
    if timeout == (3, 10):
        raise NotAttempted(
            "fetch_or_none still accepts 10 s of silence: change its timeout, run the cell, "
            "then run this cell again."
        )
    require_valid_timeout(timeout)
    read = split_timeout(timeout)[1]
    if read > 0.5:
        raise Wrong(
            f"the read timeout is {read} s, so a silent server holds the call that long.",
            "the read timeout is the second number of the pair: make it 0.5",
        )
    if fast.result != {"slept": 0}:
        raise Wrong(
            f"for a quick answer it returned {short(fast.result)} instead of the JSON body.",
            "keep return response.json() for the normal case",
        )
    return timeout, read


@exercise("05-fail-fast", "fetch_or_none")
def fail_fast(fetch_or_none):
    _require_function(fetch_or_none, "fetch_or_none")
    timeout, read = _fast_and_bounded(fetch_or_none)
    slow = run(lambda: fetch_or_none(SLOW_URL), catch=True)
    if _is_timeout(slow.error):
        raise Wrong(
            "on the slow endpoint the ReadTimeout escaped from fetch_or_none.",
            "wrap the call in try: ... except requests.exceptions.ReadTimeout: return None",
        )
    if slow.error is not None:
        raise slow.error
    if slow.result is not None:
        raise Wrong(
            f"on the slow endpoint it returned {short(slow.result)}, not None.",
            "return None in the except clause that catches the ReadTimeout",
        )
    missing = run(lambda: fetch_or_none(MISSING_URL), catch=True)
    if missing.error is None:
        raise Wrong(
            f"for a todo that does not exist it returned {short(missing.result)} instead of "
            "raising: the 404 was swallowed.",
            "catch only the timeout (ReadTimeout or Timeout), not RequestException or "
            "Exception, and keep response.raise_for_status()",
        )
    if not _carries_404(missing.error):
        raise missing.error
    require_narrow_except(fetch_or_none, "fetch_or_none", "the timeout (ReadTimeout or Timeout)")
    return f"with timeout={timeout!r} a silent server costs you {read} s, and a 404 still raises."


# -- 05-classify-failure ---------------------------------------------------------------------


def _http_error() -> E.HTTPError:
    response = requests.Response()
    response.status_code = 404
    response.url = MISSING_URL
    return E.HTTPError("404 Client Error: Not Found", response=response)


def _classify_cases() -> list[tuple[BaseException, str, str]]:
    """(exception, expected label, hint when the label is wrong), in the order checked."""
    order = (
        "ConnectTimeout is both a ConnectionError and a Timeout: test for "
        "requests.exceptions.Timeout before requests.exceptions.ConnectionError"
    )
    parent = "test for the parent class requests.exceptions.Timeout, which covers both timeouts"
    builtin = (
        "write requests.exceptions.ConnectionError in full: the bare name ConnectionError is "
        "Python's built-in class, which requests' errors do not derive from"
    )
    subclass = "SSLError and ProxyError derive from requests.exceptions.ConnectionError"
    other = (
        "only timeouts, connection errors and HTTPError get their own label; "
        "anything else is 'other'"
    )
    return [
        (E.ReadTimeout("Read timed out. (read timeout=0.5)"), "timeout", parent),
        (E.Timeout("timed out"), "timeout", parent),
        (E.ConnectTimeout("Connection timed out. (connect timeout=3)"), "timeout", order),
        (E.ConnectionError("Connection refused"), "connection", builtin),
        (E.SSLError("certificate verify failed"), "connection", subclass),
        (E.ProxyError("Unable to connect to proxy"), "connection", subclass),
        (_http_error(), "http", "test for requests.exceptions.HTTPError"),
        (E.TooManyRedirects("Exceeded 30 redirects."), "other", other),
        (E.MissingSchema("No scheme supplied"), "other", other),
        (E.JSONDecodeError("Expecting value", "<html>", 0), "other", other),
        (ValueError("not from requests"), "other", other),
        (KeyError("title"), "other", other),
    ]


@exercise("05-classify-failure", "classify_failure")
def classify_failure(classify_failure):
    _require_function(classify_failure, "classify_failure")
    code = getattr(classify_failure, "__code__", None)
    if code is not None and Ellipsis in code.co_consts:
        raise NotAttempted(
            "replace each ... in classify_failure with an exception class, run the cell, "
            "then run this cell again."
        )
    for error, expected, hint in _classify_cases():
        got = classify_failure(error)
        if got != expected:
            raise Wrong(
                f"for a {type(error).__name__} it returned {got!r}, not {expected!r}.", hint
            )
    return (
        "ConnectTimeout counts as a timeout because Timeout is tested first; "
        "SSLError and ProxyError come along with their parent ConnectionError."
    )


# -- 05-keep-the-response --------------------------------------------------------------------


def _is_api_error(error: BaseException) -> bool:
    return any(cls.__name__ == "ApiError" for cls in type(error).__mro__)


@exercise("05-keep-the-response", "load_dataset")
def keep_the_response(load_dataset):
    _require_function(load_dataset, "load_dataset")
    todos = load_dataset(LIST_URL)
    if not isinstance(todos, list):
        raise Wrong(
            f"for {LIST_URL} it returned {type(todos).__name__}, not the JSON list of todos.",
            "keep return response.json() for the normal case",
        )
    try:
        result = load_dataset(MISSING_URL)
    except Exception as e:  # the checker inspects whatever was raised
        error = e
    else:
        raise Wrong(
            f"for a todo that does not exist it returned {result!r} instead of raising.",
            "keep response.raise_for_status() and the except clause that translates the error",
        )
    if not _is_api_error(error):
        raise Wrong(
            f"it raised {type(error).__name__}, not an ApiError.",
            "translate the HTTPError into ApiError (or a subclass such as NotFound)",
        )
    response = getattr(error, "response", None)
    if not isinstance(response, requests.Response):
        raise Wrong(
            "the ApiError has no response, so the caller cannot read the status or the body.",
            "pass the response along: ApiError(message, response=e.response)",
        )
    if response.status_code != 404:
        raise Wrong(
            f"the ApiError keeps a response with status {response.status_code}, not the 404.",
            "pass e.response, the response that raise_for_status() complained about",
        )
    if not isinstance(error.__cause__, E.HTTPError):
        raise Wrong(
            "the ApiError has no cause: its traceback hides the HTTPError behind it.",
            "end the raise line with from e",
        )
    message = response.json()["error"]["message"]
    return f"the caller gets status 404 and the server's reason: {message!r}"
