"""Offline mode: answer the course's hosts from simulated services inside the kernel.

``simulate()`` is the one line at the top of every notebook. It starts a ``responses`` mock
whose registry dispatches each request by host name (:mod:`helpers.dispatch`): a simulated
host's request goes to that host's Flask app (see :mod:`helpers.wsgi_bridge`); in live mode a
real host's request passes through to the internet (:mod:`helpers.live`). Calling it again
throws the old apps away and starts fresh ones, so re-running a notebook from the top gives the
same outputs every time. The control plane (faults, broken streams, rate limits, the request
log) is documented in :mod:`helpers.control`.

Switching modes, in any Jupyter (JupyterLab, Binder, JupyterHub, Colab)::

    sim = simulate(live=True)    # the real httpbin.org, api.github.com, api.anthropic.com,
                                 # jsonplaceholder.typicode.com; api.example.com stays simulated
    sim = simulate()             # back offline (unless COURSE_LIVE=1 is set), demo keys again

``COURSE_LIVE=1`` in the environment (``%env COURSE_LIVE=1`` in a cell, then re-run the setup
cell) does the same as ``live=True``. Live, the demo keys are taken out of the environment and
your own keys (``GITHUB_TOKEN``, ``ANTHROPIC_API_KEY``) are used; a request that still carries
a demo key to a real host is refused before it is sent.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from flask import Flask
from werkzeug.http import HTTP_STATUS_CODES

from helpers import dispatch
from helpers import live as livemode
from helpers.calllog import LOG_SIZE, CallLog
from helpers.control import ControlPlane
from helpers.course_mock import CourseRequestsMock
from helpers.dispatch import UnknownHostError, unknown_host_message
from helpers.hosts import (
    DEFAULT_PORTS,
    HOSTS,
    LIVE_ENV_VAR,
    LOOPBACK_HOSTS,
    get_host,
    live_requested,
    lookup,
    rehearsal_requested,
)
from helpers.wsgi_bridge import call_app

__all__ = ["LOG_SIZE", "Call", "Simulator", "UnknownHostError", "current", "simulate", "stop"]


class ReplacedSimulationError(RuntimeError):
    """A ``sim`` handle from an earlier run of the setup cell was used."""


@dataclass(frozen=True)
class Call:
    """One request the kernel sent, with the keyword arguments it was sent with."""

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


class Simulator(ControlPlane):
    """A simulation: its apps (created on first use), its mock, its bounded request log.

    Starting one patches ``requests`` (nested starts stack: stopping the inner one restores the
    outer); only :func:`simulate` makes one the kernel's current simulation.
    """

    def __init__(self, live: bool = False, *, rehearsal: object | None = None) -> None:
        self.live = live
        self.hosts = tuple(h for h in HOSTS if not (live and h.has_real_twin))
        self._apps: dict[str, Flask] = {}
        self._faults: dict[str, deque] = {}
        self._detours: dict[str, int] = {}
        self._lock = threading.Lock()
        self._replaced = False
        self.log = CallLog()
        self.mock = CourseRequestsMock(
            assert_all_requests_are_fired=False,
            response_callback=_servers_reason_phrase,
            registry=functools.partial(dispatch.HostRegistry, self._route),
        )
        self.mock._calls = self.log
        stand_in = getattr(rehearsal, "stand_in", None)
        self.rehearsal = rehearsal
        self.mock._real_send = livemode.pass_through(self.mock._real_send, self.log.add, stand_in)
        self._pass = dispatch.PassThrough()
        self._routes = {h.host: dispatch.Route(self._handler(h.host)) for h in HOSTS}

    # -- apps ---------------------------------------------------------------------------------
    def app(self, host: str) -> Flask:
        """The Flask app answering ``host`` in this simulation (created on first use). Live, a
        real host's app is the private twin that the control verbs use."""
        record = get_host(host)
        with self._lock:
            if record.host not in self._apps:
                self._apps[record.host] = record.create_app()
            return self._apps[record.host]

    # -- the request log ----------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """The most recent requests (at most :data:`LOG_SIZE`), oldest first."""
        self._check_current()
        return [_call(recorded) for recorded in self.log.snapshot()]

    @property
    def request_count(self) -> int:
        """How many requests were sent since this simulation started (exact, never trimmed)."""
        self._check_current()
        return self.log.total

    def _calls_since(self, total: int) -> list[Call]:
        return [_call(recorded) for recorded in self.log.since(total)]

    def reset(self) -> None:
        """Fresh services and an empty log, as if the setup cell had run again."""
        self._check_current()
        with self._lock:
            self._apps.clear()
            self._faults.clear()
            self._detours.clear()
        self.mock.reset_transport_faults()
        self.log.reset()

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> Simulator:
        self.mock.start()
        return self

    def stop(self) -> None:
        self.mock.stop(allow_assert=False)

    def banner(self) -> str:
        names = ", ".join(h.host for h in self.hosts)
        if self.live:
            real = ", ".join(h.host for h in HOSTS if h.has_real_twin)
            stand_in = " (rehearsal: loopback stand-ins)" if self.rehearsal is not None else ""
            return (
                f"🌐 Live mode: {real} are the real services{stand_in}; {names} is simulated "
                "(fresh state). Back offline: simulate(live=False)."
            )
        return (
            f"🛰️  Offline mode: {names} are simulated in this kernel (fresh state). "
            f"For the real internet: simulate(live=True) or {LIVE_ENV_VAR}=1 (README: Live mode)."
        )

    # -- dispatch -----------------------------------------------------------------------------
    def _route(self, request: requests.PreparedRequest):
        parts = urlsplit(request.url or "")
        name = (parts.hostname or "").rstrip(".")
        if name in LOOPBACK_HOSTS:
            request._course_route = dispatch.PASSED_THROUGH  # type: ignore[attr-defined]
            return self._pass
        record = lookup(name)
        if record is None:
            return dispatch.refusal(unknown_host_message(request.url or "", self.hosts, self.live))
        if parts.scheme not in record.schemes:
            return dispatch.refusal(dispatch.wrong_scheme_message(parts, record))
        port, bad = dispatch.port_of(parts)
        if bad is not None or port not in (None, DEFAULT_PORTS[parts.scheme]):
            return dispatch.refusal(dispatch.wrong_port_message(parts, record, bad or port))
        if self.live and record.has_real_twin and not self._take_detour(record.host):
            request._course_route = dispatch.PASSED_THROUGH  # type: ignore[attr-defined]
            return self._pass
        request._course_route = dispatch.SIMULATED  # type: ignore[attr-defined]
        return self._routes[record.host]

    def _handler(self, host: str):
        def handle(request: requests.PreparedRequest):
            fault = self._pop_generic(host)
            if fault is not None:
                return fault
            if self.live:
                request = _with_demo_keys(request, host)
            return call_app(self.app(host), request)

        return handle

    # -- control-plane plumbing ---------------------------------------------------------------
    def _detour(self, host: str, calls: int, what: str, spend: bool = False) -> None:
        """Live: send the demo's next requests to ``host``'s private twin: the ``calls`` staged
        ones plus one that shows the outcome (a pending demo's outcome request is shared). A
        spent rate limit is the twin's own budget: ``calls`` left, then the refusal."""
        if not (self.live and get_host(host).has_real_twin):
            return
        with self._lock:
            left = self._detours.get(host, 0)
            total = calls + 1 if spend or not left else left + calls
            self._detours[host] = total
        print(
            f"🌐 Live mode: the real {host} cannot {what} on cue, so the next {total} request(s) "
            f"to {host} go to the course's simulated twin for this demo."
        )

    def _take_detour(self, host: str) -> bool:
        with self._lock:
            left = self._detours.get(host, 0)
            if left:
                self._detours[host] = left - 1
            return bool(left)

    def _fail_generic(self, host, status, times, headers) -> None:
        """Faults for a service without its own error bodies (httpbin: an empty body, as its
        ``/status/{code}`` answers)."""
        with self._lock:
            queue = self._faults.setdefault(host, deque())
            queue.extend((status, dict(headers or {})) for _ in range(times))

    def _pop_generic(self, host: str):
        with self._lock:
            queue = self._faults.get(host)
            if not queue:
                return None
            status, headers = queue.popleft()
        return status, [("Content-Type", "text/html; charset=utf-8"), *headers.items()], b""

    def _controlled(self, host: str):
        self._check_current()
        return get_host(host)

    def _check_current(self) -> None:
        if self._replaced:
            raise ReplacedSimulationError(
                "This simulation was replaced when the setup cell ran again: use the new one "
                "(`sim = simulate()` returns it; `helpers.current()` gives it too)."
            )


def _call(recorded) -> Call:
    response = recorded.response
    error = response if isinstance(response, BaseException) else None
    return Call(
        request=recorded.request,
        response=None if error else response,
        error=error,
        kwargs=dict(getattr(recorded.request, "req_kwargs", {}) or {}),
    )


def _with_demo_keys(request: requests.PreparedRequest, host: str) -> requests.PreparedRequest:
    """Live, a request detoured to a private twin carries the learner's own key: the twin (like
    the simulator offline) accepts only the demo key, so hand it a copy with the demo key."""
    copy = request.copy()
    for name, demo in get_host(host).demo_env:
        own = os.environ.get(name)
        if not own:
            continue
        for header, value in list(copy.headers.items()):
            if own in value:
                copy.headers[header] = value.replace(own, demo)
    copy.req_kwargs = getattr(request, "req_kwargs", {})  # type: ignore[attr-defined]
    return copy


def _servers_reason_phrase(response: requests.Response) -> requests.Response:
    """Give a simulated response the reason phrase its server (a werkzeug app) uses.

    ``responses`` would take it from Python's own table, which Python 3.13 changed (422 became
    "Unprocessable Content"), so the same notebook would print different text on different
    Pythons. A real client sees the phrase the server sends; so does this one. A response that
    came from the network keeps its own.
    """
    if getattr(response.request, "_course_route", None) != dispatch.SIMULATED:
        return response
    phrase = HTTP_STATUS_CODES.get(response.status_code)
    if phrase:
        response.reason = phrase
    return response


_current: Simulator | None = None


def _quiet_libraries() -> None:
    """A notebook cell fails its test on any stderr output: keep library loggers quiet."""
    for name in ("werkzeug", "httpbin", "httpbin.core", "responses", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)


def simulate(live: bool | None = None, *, quiet: bool = False) -> Simulator:
    """Start (or restart, with fresh state) the simulation in this kernel; return it.

    ``live=None`` reads ``COURSE_LIVE``. Live, httpbin.org, api.github.com, api.anthropic.com
    and jsonplaceholder.typicode.com go to the real internet (checked at once: one line names
    what is unreachable) with the learner's own keys; api.example.com, which only exists in this
    course, stays simulated. ``COURSE_LIVE_REHEARSAL=1`` replaces the internet by loopback
    stand-ins (:mod:`helpers.rehearsal`). An earlier ``sim`` handle stops working, loudly.
    """
    global _current
    _quiet_libraries()
    live_mode = live_requested() if live is None else bool(live)
    if _current is not None:
        _current._replaced = True
        _current.stop()
        _current = None
    set_aside = livemode.switch_keys(live_mode)
    stand_ins = None
    if live_mode and rehearsal_requested():
        from helpers.rehearsal import provide_own_keys, rehearsal

        provide_own_keys()
        stand_ins = rehearsal()
    _current = Simulator(live=live_mode, rehearsal=stand_ins).start()
    lines = [_current.banner()]
    if set_aside:
        lines[0] += (
            f" Your own {' and '.join(set_aside)} {'is' if len(set_aside) == 1 else 'are'} "
            "set aside while offline: the simulator accepts only the demo keys."
        )
    if live_mode:
        real = [h for h in HOSTS if h.has_real_twin]
        targets = livemode.real_targets(real) if stand_ins is None else stand_ins.targets(real)
        missing = livemode.unreachable(targets)
        if missing:
            lines.append(livemode.unreachable_message(missing))
        unset = [name for h in real for name, _ in h.demo_env if not os.environ.get(name)]
        if unset:
            lines.append(livemode.unset_keys_message(unset))
    if not quiet:
        print("\n".join(lines))
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
    """Stop simulating: requests go to the real network again, keys as they were (tests)."""
    global _current
    if _current is not None:
        _current.stop()
        _current = None
    livemode.restore_keys()
