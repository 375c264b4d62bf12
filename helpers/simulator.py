"""Offline mode: answer the course's hosts from simulated services inside the kernel.

``simulate()`` is the one line at the top of every notebook. It starts a
:class:`responses.RequestsMock` that hands each request for a simulated host to that host's
Flask app (see :mod:`helpers.wsgi_bridge`). Calling it again throws the old apps away and
starts fresh ones, so re-running a notebook from the top gives the same outputs every time.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
import responses
from flask import Flask
from werkzeug.http import HTTP_STATUS_CODES

from helpers.hosts import DEMO_ENVIRONMENT, HOSTS, LIVE_ENV_VAR, get_host, live_requested
from helpers.services._common import queue_faults
from helpers.wsgi_bridge import call_app

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
LOOPBACK_PREFIXES = ("http://127.0.0.1", "http://localhost", "http://[::1]")


class UnknownHostError(requests.exceptions.ConnectionError):
    """A request for a host the simulator does not know (usually a typo in the URL)."""


@dataclass(frozen=True)
class Call:
    """One request the simulator saw, with the keyword arguments it was sent with."""

    request: requests.PreparedRequest
    response: requests.Response | None
    error: BaseException | None
    kwargs: dict

    @property
    def url(self) -> str:
        return self.request.url or ""

    @property
    def timeout(self) -> object:
        return self.kwargs.get("timeout")


class Simulator:
    """The running simulation: its apps (created on first use), its mock, its call log."""

    def __init__(self, live: bool = False) -> None:
        self.live = live
        self.hosts = tuple(h for h in HOSTS if not (live and h.has_real_twin))
        self._apps: dict[str, Flask] = {}
        self._lock = threading.Lock()
        self.mock = responses.RequestsMock(
            assert_all_requests_are_fired=False, response_callback=_servers_reason_phrase
        )
        for prefix in LOOPBACK_PREFIXES:
            self.mock.add_passthru(prefix)
        for host in self.hosts:
            for scheme in host.schemes:
                pattern = re.compile(rf"^{scheme}://{re.escape(host.host)}(:\d+)?([/?#].*)?$")
                for method in METHODS:
                    self.mock.add_callback(
                        method, pattern, callback=self._handler(host.host), content_type=None
                    )
        if live:
            for host in HOSTS:
                if host.has_real_twin:
                    self.mock.add_passthru(f"https://{host.host}")
        everything_else = _anything_but(
            [h.host for h in HOSTS if live and h.has_real_twin]
            + [h.host for h in self.hosts if h.schemes == ("https", "http")],
            [h.host for h in self.hosts if h.schemes == ("https",)],
        )
        for method in METHODS:
            self.mock.add_callback(method, everything_else, callback=self._unknown_host)

    # -- apps ---------------------------------------------------------------------------------
    def app(self, host: str) -> Flask:
        """The Flask app answering ``host`` in this simulation (created on first use)."""
        get_host(host)
        with self._lock:
            if host not in self._apps:
                self._apps[host] = get_host(host).create_app()
            return self._apps[host]

    def fail_next(
        self, host: str, status: int, times: int = 1, headers: dict[str, str] | None = None
    ) -> None:
        """Make the next ``times`` requests to ``host`` fail with ``status`` and its real body."""
        queue_faults(self.app(host), status, times=times, headers=headers)

    # -- the call log -------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """Every request seen since this simulation started, oldest first."""
        result = []
        for recorded in self.mock.calls:
            response = recorded.response
            error = response if isinstance(response, BaseException) else None
            result.append(
                Call(
                    request=recorded.request,
                    response=None if error else response,
                    error=error,
                    kwargs=dict(getattr(recorded.request, "req_kwargs", {}) or {}),
                )
            )
        return result

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> Simulator:
        self.mock.start()
        return self

    def stop(self) -> None:
        self.mock.stop(allow_assert=False)
        self.mock.reset()

    def banner(self) -> str:
        names = ", ".join(h.host for h in self.hosts)
        if self.live:
            real = ", ".join(h.host for h in HOSTS if h.has_real_twin)
            return (
                f"🌐 Live mode ({LIVE_ENV_VAR} is set): {real} are the real services; "
                f"{names} is simulated (fresh state)."
            )
        return (
            f"🛰️  Offline mode: {names} are simulated in this kernel (fresh state). "
            f"To use the real internet, set {LIVE_ENV_VAR}=1 and restart the kernel."
        )

    # -- request handlers ---------------------------------------------------------------------
    def _handler(self, host: str):
        def handle(request: requests.PreparedRequest):
            return call_app(self.app(host), request)

        return handle

    def _unknown_host(self, request: requests.PreparedRequest):
        return UnknownHostError(unknown_host_message(request.url or "", self), request=request)


def _servers_reason_phrase(response: requests.Response) -> requests.Response:
    """Give a simulated response the reason phrase its server (a werkzeug app) uses.

    ``responses`` would take it from Python's own table, which Python 3.13 changed (422 became
    "Unprocessable Content"), so the same notebook would print different text on different
    Pythons. A real client sees the phrase the server sends; so does this one.
    """
    phrase = HTTP_STATUS_CODES.get(response.status_code)
    if phrase:
        response.reason = phrase
    return response


def _anything_but(any_scheme: list[str], https_only: list[str]) -> re.Pattern[str]:
    """A URL pattern for every URL that is not simulated, passed through or loopback."""
    port_path = r"(:\d+)?([/?#]|$)"
    excluded = [rf"https?://{re.escape(h)}{port_path}" for h in any_scheme]
    excluded += [rf"https://{re.escape(h)}{port_path}" for h in https_only]
    excluded += [rf"{re.escape(p)}{port_path}" for p in LOOPBACK_PREFIXES]
    return re.compile(rf"^(?!(?:{'|'.join(excluded)})).*$", re.IGNORECASE)


def unknown_host_message(url: str, sim: Simulator) -> str:
    parts = urlsplit(url)
    host = parts.hostname or url
    names = ", ".join(h.host for h in sim.hosts)
    if any(h.host == host for h in sim.hosts):
        return (
            f"{url} uses {parts.scheme}://, but the simulated {host} only answers https://. "
            f"Write https://{host}{parts.path or '/'} instead."
        )
    hint = f"Check the spelling of the URL: the simulated hosts are {names}."
    if sim.live:
        return f"No connection to {host}: it is not simulated here. {hint}"
    return (
        f"Cannot reach {host}: this kernel is offline and {host} is not one of the course's "
        f"simulated hosts. {hint} To send requests to the real internet instead, set "
        f"{LIVE_ENV_VAR}=1 and restart the kernel (see notebooks/00-start-here.ipynb)."
    )


_current: Simulator | None = None


def _quiet_libraries() -> None:
    """A notebook cell fails its test on any stderr output: keep library loggers quiet."""
    for name in ("werkzeug", "httpbin", "httpbin.core", "responses", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)


_set_aside: dict[str, str | None] = {}


def _use_demo_keys(live: bool) -> list[str]:
    """Put the demo keys the simulated services accept into the environment.

    Offline, a real key would only earn a 401 from a simulated service, so any value the learner
    set is set aside (restored by :func:`stop`; a kernel restart brings it back as well).
    ``EXAMPLE_API_KEY`` is for api.example.com, which is simulated in live mode too, so there a
    value the learner set is kept. Returns the names whose own values were set aside.
    """
    replaced = []
    for name, demo in DEMO_ENVIRONMENT.items():
        simulated = not live or name == "EXAMPLE_API_KEY"
        if not simulated:
            continue
        own = os.environ.get(name)
        if own is not None and own != demo and not (live and name == "EXAMPLE_API_KEY"):
            _set_aside.setdefault(name, own)
            replaced.append(name)
        elif own is None:
            _set_aside.setdefault(name, None)
        if not (live and own is not None):
            os.environ[name] = demo
    return replaced


def _restore_keys() -> None:
    for name, value in _set_aside.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _set_aside.clear()


def simulate(live: bool | None = None, *, quiet: bool = False) -> Simulator:
    """Start (or restart, with fresh state) the offline simulation in this kernel.

    ``live=None`` reads the ``COURSE_LIVE`` environment variable. In live mode httpbin.org,
    api.github.com and api.anthropic.com go to the real internet, and api.example.com, which
    only exists in this course, stays simulated. The demo keys the simulated services accept
    are put in the environment (see :func:`_use_demo_keys`).
    """
    global _current
    _quiet_libraries()
    if _current is not None:
        _current.stop()
        _current = None
    live = live_requested() if live is None else live
    replaced = _use_demo_keys(live)
    _current = Simulator(live=live).start()
    if not quiet:
        note = ""
        if replaced:
            note = (
                f" Your own {' and '.join(replaced)} {'is' if len(replaced) == 1 else 'are'} "
                "set aside while offline: the simulator accepts only the demo keys."
            )
        print(_current.banner() + note)
    return _current


def current() -> Simulator:
    """The running simulation; raises a clear error when ``simulate()`` has not been called."""
    if _current is None:
        raise RuntimeError(
            "The simulator is not running: run the setup cell at the top of the notebook "
            "(`from helpers import simulate; simulate()`) first."
        )
    return _current


def stop() -> None:
    """Stop simulating: requests go to the real network again (used by tests)."""
    global _current
    if _current is not None:
        _current.stop()
        _current = None
    _restore_keys()
