"""Checkers for notebook 01 (Anatomy of an HTTP request)."""

from __future__ import annotations

import requests

from helpers.checkers._tools import require_callable, require_response, require_timeout, require_url
from helpers.exercises import Wrong, exercise

CLASS_NAMES = {
    1: "informational",
    2: "successful",
    3: "redirection",
    4: "client error",
    5: "server error",
}
CLASS_EDGES = [100, 101, 199, 200, 201, 204, 299, 300, 301, 304, 399, 400, 404, 422, 429, 499]
CLASS_EDGES += [500, 502, 503, 599]


@exercise("01-head-size", "head_response", "download_size")
def head_size(head_response, download_size):
    r = require_response(head_response, "head_response")
    if r.request.method != "HEAD":
        raise Wrong(
            f"you sent a {r.request.method} request, which downloads the whole body "
            f"({len(r.content or b''):,} bytes here) just to learn its size.",
            "use requests.head(...): the same headers as a GET, without the body.",
        )
    require_url(r, "httpbin.org", "/image/png")
    require_timeout(r)
    if r.status_code != 200:
        raise Wrong(
            f"the server answered {r.status_code} {r.reason}.",
            "ask for https://httpbin.org/image/png and check the status before the headers.",
        )
    size = int(r.headers["Content-Length"])
    if isinstance(download_size, str):
        raise Wrong(
            f"`download_size` is the string {download_size!r}: header values are always text.",
            "convert it: int(head_response.headers['Content-Length'])",
        )
    if isinstance(download_size, bool) or not isinstance(download_size, int):
        raise Wrong(
            f"`download_size` is a {type(download_size).__name__}, not an int.",
            "read the Content-Length header and convert it with int(...).",
        )
    if download_size != size:
        raise Wrong(
            f"`download_size` is {download_size}, but the server says the file has {size} bytes.",
            "take the number from head_response.headers['Content-Length'], not from the body "
            "(a HEAD response has an empty body).",
        )
    return (
        f"the image is {size:,} bytes, and you downloaded {len(r.content or b'')} of them. "
        "A HEAD request is a cheap way to check a file before fetching it."
    )


@exercise("01-status-class", "describe_status")
def status_class(describe_status):
    require_callable(
        describe_status, "describe_status", "define it with def describe_status(code): ..."
    )
    for code in CLASS_EDGES:
        expected = CLASS_NAMES[code // 100]
        got = describe_status(code)
        if not isinstance(got, str):
            raise Wrong(
                f"describe_status({code}) returned {got!r}, not a string.",
                f'return the class name as text, for example "{expected}".',
            )
        if got.strip().lower() != expected:
            raise Wrong(
                f"describe_status({code}) returned {got!r}; expected {expected!r}.",
                "the first digit decides the class (code // 100); check the codes at the "
                "edges of each class, like 299/300 and 499/500.",
            )
    return (
        f"all {len(CLASS_EDGES)} codes, edges included, land in the right class. "
        "The first digit is all you need to decide whether to use the body, fix the request "
        "or retry later."
    )


def _status_response(code: int) -> requests.Response:
    """A real response with this status code, from (simulated) httpbin."""
    return requests.get(f"https://httpbin.org/status/{code}", timeout=5)


@exercise("01-is-success", "is_success")
def is_success_fixed(is_success):
    require_callable(
        is_success,
        "is_success",
        "keep the def is_success(response): ... from the exercise cell and fix its body.",
    )
    for code, expected in ((200, True), (201, True), (204, True), (404, False), (500, False)):
        got = is_success(_status_response(code))
        if bool(got) != expected:
            verdict = "a success" if got else "a failure"
            raise Wrong(
                f"is_success(...) calls a {code} response {verdict}.",
                "every 2xx is a success and every 4xx or 5xx a failure: compare your "
                "function with the r.ok table in the notebook.",
            )
    return (
        "201 Created and 204 No Content now count as successes, 404 and 500 as failures. "
        "(r.ok is also True for a 3xx you did not follow: it means 'no error', not '2xx'.)"
    )
