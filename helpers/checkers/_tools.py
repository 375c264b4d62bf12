"""Small assertions that checkers share, each raising :class:`Wrong` with a useful message."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests

from helpers.exercises import Wrong
from helpers.simulator import Call, current


def require_response(value: object, name: str = "r") -> requests.Response:
    if not isinstance(value, requests.Response):
        raise Wrong(
            f"`{name}` should be the Response that requests returned, "
            f"but it is a {type(value).__name__}.",
            f"assign the call itself: {name} = requests.get(..., timeout=5)",
        )
    return value


def call_for(response: requests.Response) -> Call:
    """The simulator's record of the request behind ``response`` (its kwargs included)."""
    for call in reversed(current().calls):
        if call.request is response.request:
            return call
    raise Wrong(
        "this response did not come from the simulator that is running now.",
        "run the exercise cell again after the setup cell (re-running setup resets the simulator).",
    )


def require_timeout(response: requests.Response) -> None:
    for hop in [*response.history, response]:
        if call_for(hop).timeout is None:
            raise Wrong(
                "the request has no timeout, so it could wait forever.",
                "add timeout=5 (seconds) to the call; every call in this course has one.",
            )


def query_of(response: requests.Response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response.request.url or "").query, keep_blank_values=True)


def require_url(response: requests.Response, host: str, path: str) -> None:
    url = urlsplit(response.request.url or "")
    if url.hostname != host or url.path != path:
        raise Wrong(
            f"the request went to {url.hostname}{url.path}, not {host}{path}.",
            f"send it to https://{host}{path}",
        )


def require_callable(value: object, name: str, hint: str) -> None:
    """The exercise asks for a function (or class) called ``name``."""
    if not callable(value):
        raise Wrong(f"`{name}` should be a function, but it is a {type(value).__name__}.", hint)
