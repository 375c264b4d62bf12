"""Dispatch by host name: which route answers a request, and the one-line messages for typos.

``responses`` asks its registry for the response that matches each request. The simulator's
registry does not try a list of URL patterns; like ``Session.get_adapter`` it reads the URL's
host, looks the host up in :mod:`helpers.hosts` and returns one of three routes: the host's
simulated app, the real network (live mode, loopback), or a one-line error.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

import requests
from responses import BaseResponse, CallbackResponse
from responses.registries import FirstMatchRegistry

from helpers.calllog import NullCallList
from helpers.hosts import DEFAULT_PORTS, HOSTS_BY_NAME, LIVE_ENV_VAR, SimulatedHost

SIMULATED = "simulated"
PASSED_THROUGH = "passed-through"


class UnknownHostError(requests.exceptions.ConnectionError):
    """A request the simulator cannot deliver (usually a typo in the URL), in one line."""


class Route(CallbackResponse):
    """A callback ``responses`` runs for a request (keeps no per-route call list)."""

    def __init__(self, callback: Callable) -> None:
        super().__init__("GET", "https://route.invalid/", callback=callback, content_type=None)
        self._calls = NullCallList()


class PassThrough(BaseResponse):
    """Tells ``responses`` to send the request over the real network (its pass-through path)."""

    def __init__(self) -> None:
        super().__init__("GET", "https://route.invalid/", passthrough=True)
        self._calls = NullCallList()


def refusal(message: str) -> Route:
    """A route that fails the request with ``message`` (one line, no credentials)."""

    def fail(request: requests.PreparedRequest) -> UnknownHostError:
        return UnknownHostError(message, request=request)

    return Route(fail)


class HostRegistry(FirstMatchRegistry):
    """A ``responses`` registry whose ``find`` calls ``resolve(request)``: one route per request."""

    def __init__(self, resolve: Callable[[requests.PreparedRequest], BaseResponse]) -> None:
        super().__init__()
        self._resolve = resolve

    def find(self, request):  # type: ignore[override]
        return self._resolve(request), []


def clean_url(parts: SplitResult, scheme: str | None = None) -> str:
    """The URL without user information, query string or fragment: safe to print."""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme or parts.scheme}://{host}{parts.path or '/'}"


def wrong_scheme_message(parts: SplitResult, record: SimulatedHost) -> str:
    wanted = " or ".join(f"{s}://" for s in record.schemes)
    return (
        f"{record.host} only answers {wanted}, not {parts.scheme}://: "
        f"write {clean_url(parts, record.schemes[0])} instead."
    )


def wrong_port_message(parts: SplitResult, record: SimulatedHost, port: object) -> str:
    return (
        f"{record.host} answers {parts.scheme}:// on port {DEFAULT_PORTS.get(parts.scheme)}, "
        f"not {port}: leave the port out ({clean_url(parts)})."
    )


def unknown_host_message(url: str, simulated: tuple[SimulatedHost, ...], live: bool) -> str:
    """One line for a host the course does not know (usually a typo)."""
    host = urlsplit(url).hostname or "this URL"
    names = ", ".join(h.host for h in simulated)
    hint = f"Check the spelling of the URL: the simulated hosts are {names}."
    if live:
        real = ", ".join(h.host for h in HOSTS_BY_NAME.values() if h.has_real_twin)
        return (
            f"No connection to {host}: live mode sends only the course's real hosts ({real}) "
            f"to the internet. {hint}"
        )
    return (
        f"Cannot reach {host}: this kernel is offline and {host} is not one of the course's "
        f"simulated hosts. {hint} To send requests to the real internet instead, run "
        f"simulate(live=True) or set {LIVE_ENV_VAR}=1 (see README: Live mode)."
    )


def port_of(parts: SplitResult) -> tuple[int | None, str | None]:
    """``(port, None)``, or ``(None, text)`` when the URL's port is not a number in range."""
    try:
        return parts.port, None
    except ValueError:
        return None, parts.netloc.rpartition(":")[2]
