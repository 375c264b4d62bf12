"""Building blocks shared by the simulated services.

Every simulated service is a small Flask app made by a ``create_app()`` factory. A new app
means new state, which is how :func:`helpers.simulate` resets everything. The pieces here
are the few things every service needs and that must behave the same way everywhere:

* :func:`simulated_sleep` - a pause that honours the caller's read timeout in-process and
  really sleeps when the app is served over HTTP on 127.0.0.1;
* :func:`install_faults` - lets the course make the next N requests to a service fail
  (for retry demonstrations), with the service's own error body;
* :class:`Counter` - a deterministic id source (request ids, ETags) that resets with the app;
* :func:`now` and :func:`advance_clock` - the services' clock: ``time.monotonic()`` plus the
  waits the in-process transport counted instead of sleeping them (see below).

The clock. Over a real socket, urllib3 sleeps between status retries (``Retry.sleep``: the
``Retry-After`` value, or the backoff). In-process, :class:`helpers.course_mock.CourseRequestsMock`
re-sends at once and calls :func:`advance_clock` with exactly what urllib3 would have slept, so a
service that reads :func:`now` for its waits (Anthropic's rate limit) sees the time pass. Code that
really sleeps moves ``time.monotonic()`` itself. The clock only moves forward and is shared by the
kernel (the loopback servers included); wall-clock timestamps in headers stay real
(``time.time()``), so what a client computes from them stays right.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, Response

MAX_SLEEP_SECONDS = 10.0

_clock_lock = threading.Lock()
_clock_skew = 0.0


def now() -> float:
    """The services' clock, in seconds: ``time.monotonic()`` plus every wait counted by
    :func:`advance_clock` (in-process retries that urllib3 would have slept)."""
    return time.monotonic() + _clock_skew


def advance_clock(seconds: float) -> None:
    """Count ``seconds`` of waiting that did not happen (thread-safe; negative counts as 0)."""
    global _clock_skew
    with _clock_lock:
        _clock_skew += max(0.0, float(seconds))


_context = threading.local()


def set_read_timeout(timeout: float | None) -> None:
    """Called by the in-process bridge before it runs an app: the caller's read timeout."""
    _context.read_timeout = timeout
    _context.in_process = True
    _context.timed_out = None


def set_cancel_event(event: threading.Event | None) -> None:
    """Called by a loopback server's worker around each request: when ``event`` is set (the
    server is stopping), a :func:`simulated_sleep` in progress ends at once."""
    _context.cancel = event


def clear_read_timeout() -> float | None:
    """Called by the bridge after the app ran: the read timeout that expired, if one did."""
    timed_out = getattr(_context, "timed_out", None)
    _context.read_timeout = None
    _context.in_process = False
    _context.timed_out = None
    return timed_out


def simulated_sleep(seconds: float) -> None:
    """Wait like a slow server would, at most :data:`MAX_SLEEP_SECONDS`.

    Served on 127.0.0.1, this is a plain ``time.sleep`` and the client's socket timeout does the
    rest. In-process (behind ``responses``) there is no socket, so if the caller's read timeout is
    shorter than the delay we wait exactly that long and note it; the bridge then discards the
    app's response and raises the ``requests.exceptions.ReadTimeout`` a real socket would have.
    """
    seconds = max(0.0, min(float(seconds), MAX_SLEEP_SECONDS))
    timeout = getattr(_context, "read_timeout", None)
    if getattr(_context, "in_process", False) and timeout is not None and seconds > timeout:
        time.sleep(timeout)
        _context.timed_out = timeout
        return
    cancel = getattr(_context, "cancel", None)
    if cancel is not None:
        cancel.wait(seconds)
    else:
        time.sleep(seconds)


class Counter:
    """Thread-safe counter for deterministic ids: ``req_0001``, ``msg_0002``, ..."""

    def __init__(self) -> None:
        self._n = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._n += 1
            return self._n

    def ident(self, prefix: str, width: int = 24) -> str:
        """A stable, realistic-looking id such as ``req_011CU...``: a hash of the count."""
        n = self.next()
        digest = hashlib.sha256(f"{prefix}:{n}".encode()).hexdigest()
        return f"{prefix}_{digest[:width]}"


def etag_for(body: bytes) -> str:
    """A strong ETag for a body, stable across runs."""
    return '"' + hashlib.sha1(body).hexdigest() + '"'


@dataclass
class FaultPlan:
    """Failures queued for a service: each entry is (status, extra headers)."""

    queue: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pop(self) -> tuple[int, dict[str, str]] | None:
        with self.lock:
            return self.queue.pop(0) if self.queue else None


ErrorFactory = Callable[[int], Response]


def install_faults(app: Flask, make_error: ErrorFactory) -> None:
    """Let the course queue failures for this app: ``app.extensions["faults"]``.

    ``make_error(status)`` must return the service's own error response for that status
    (its real error body and headers), so an injected 529 looks like the service's 529.
    Use :func:`queue_faults` to add failures.
    """
    plan = FaultPlan()
    app.extensions["faults"] = plan

    @app.before_request
    def _maybe_fail() -> Response | None:
        fault = plan.pop()
        if fault is None:
            return None
        status, headers = fault
        response = make_error(status)
        for name, value in headers.items():
            response.headers[name] = value
        return response


def queue_faults(
    app: Flask, status: int, times: int = 1, headers: dict[str, str] | None = None
) -> None:
    """Make the next ``times`` requests to ``app`` fail with ``status`` (and extra ``headers``)."""
    plan: FaultPlan = app.extensions["faults"]
    with plan.lock:
        plan.queue.extend((status, dict(headers or {})) for _ in range(times))


def guard_json(app: Flask, respond: Callable[[], Response]) -> None:
    """Answer pathologically nested JSON (``RecursionError`` while parsing) with the service's
    own 400 body, ``respond()``, instead of a 500 and a traceback on the kernel's stderr."""

    @app.errorhandler(RecursionError)
    def _too_deep(_error: RecursionError) -> Response:
        return respond()
