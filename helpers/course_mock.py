"""The ``responses`` mock the simulator runs: a connection pool's behaviour without the socket.

``responses`` swaps ``HTTPAdapter.send`` for a lookup in its registry, so three things a real
connection does never happen in-process. :class:`CourseRequestsMock` puts them back:

* **Timeouts are validated** exactly as ``HTTPAdapter.send`` and urllib3 validate them, before
  anything is sent: ``0``, ``-1``, ``"5"``, ``True``, ``(1, 2, 3)``, ``(0, 5)`` raise the same
  ``ValueError`` with the same message; ``nan`` and ``inf`` fail where the socket fails
  (``socket.settimeout``: ``ValueError``/``OverflowError``), the connect part before sending, the
  read part after the request went out (the server did receive it).
* **Timeouts are retried through the mounted** ``urllib3.Retry``, as urllib3's connection pool
  does: read timeouts count against ``read`` and ``total`` and only for ``allowed_methods``;
  used-up retries raise ``requests.exceptions.ConnectionError`` wrapping ``MaxRetryError`` whose
  reason is the ``ReadTimeoutError``. Each attempt waits the read timeout (the bridge waits
  exactly that long), then the Retry's backoff is really slept (``Retry.sleep()``, as urllib3
  does), so a learner sees what the retries cost.
* **Status retries are urllib3's**, run here instead of by ``responses``: ``is_retry`` with the
  ``Retry-After`` header as urllib3 reads it, ``increment`` naming the pool and the path,
  ``RetryError`` when used up (or the last response, ``raise_on_status=False``). They are not
  slept, so in-process demos stay fast: the wait urllib3 would have slept (``Retry.sleep``: the
  ``Retry-After`` value when the Retry honours it, else the backoff) is added to the services'
  clock (:func:`helpers.services._common.advance_clock`), so a rate limit sees it pass. A
  request passed through to a real server is never retried here: urllib3 already retried it
  inside the real send.
* **Transport faults on cue** (:meth:`CourseRequestsMock.queue_transport_fault`, for
  ``sim.fail_next(host, "timeout")``): the next requests to a host raise the ``ReadTimeout``
  (or ``ConnectTimeout``) a real socket raises, retried through the mounted ``Retry`` like any
  timeout. The timeout is not waited: it is added to the services' clock.
* **User information in the URL** (``https://user:pw@host/``) is not part of what goes on the
  wire: requests turns it into Basic auth (``prepare_auth``) and the Host header has none. The
  mock matches and dispatches the URL without it, so no credential reaches a route pattern, an
  app or an error message; the request and response keep the URL the learner wrote, as requests
  does.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
import responses
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.util import Retry
from urllib3.util import Timeout as TimeoutSauce

from helpers.services._common import advance_clock

# Set on the timeout exceptions the in-process bridge produces: only those are retried here
# (a request passed through to a real server was already retried by urllib3 itself).
SIMULATED = "_course_simulated_timeout"

# How the simulator marks a request it let through to a real server (helpers.dispatch); the
# mock marks the requests its own pass-through prefixes let through the same way.
ROUTE = "_course_route"
PASSED_THROUGH = "passed-through"

# Given to ``responses`` so that its own status retries never run (``is_retry`` is False for a
# total of 0): the mock runs urllib3's instead (see the module docstring).
_NO_STATUS_RETRIES = Retry(0, read=False, redirect=False)

TRANSPORT_FAULTS = ("timeout", "connect-timeout")


def resolve_timeout(timeout: object) -> TimeoutSauce:
    """``timeout=`` as ``HTTPAdapter.send`` turns it into a urllib3 ``Timeout`` (same errors)."""
    if isinstance(timeout, tuple):
        try:
            connect, read = timeout
            return TimeoutSauce(connect=connect, read=read)
        except ValueError:
            raise ValueError(
                f"Invalid timeout {timeout}. Pass a (connect, read) timeout tuple, "
                f"or a single float to set both timeouts to the same value."
            ) from None
    if isinstance(timeout, TimeoutSauce):
        return timeout
    return TimeoutSauce(connect=timeout, read=timeout)  # type: ignore[arg-type]


def check_socket_timeout(seconds: object) -> None:
    """Raise what ``socket.settimeout(seconds)`` raises (``nan``, ``inf``, too large, a
    ``Decimal``): urllib3 accepts any positive number, the socket does not. The only way to be
    exactly right on every platform is to ask a socket; ordinary values skip the question."""
    if seconds is None:
        return
    if type(seconds) in (int, float) and 0 < seconds < 1e6:  # type: ignore[operator]
        return
    with socket.socket() as probe:
        probe.settimeout(seconds)  # type: ignore[arg-type]


def connect_and_read(timeout: TimeoutSauce) -> tuple[float | None, float | None]:
    """The connect and read timeouts a connection would set on its socket."""
    connect = TimeoutSauce.resolve_default_timeout(timeout.connect_timeout)
    read = TimeoutSauce.resolve_default_timeout(timeout.read_timeout)
    return connect, read  # type: ignore[return-value]


def without_userinfo(url: str) -> str:
    """``url`` without ``user:password@`` (what goes on the wire: the Host header has none)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def pool_for(url: str) -> HTTPConnectionPool:
    """The (unconnected) urllib3 pool a real adapter would use: its name is in urllib3's
    error messages, ``HTTPSConnectionPool(host='api.example.com', port=443)``."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    kind = HTTPSConnectionPool if https else HTTPConnectionPool
    return kind(parts.hostname or "", port)


class CourseRequestsMock(responses.RequestsMock):
    """A :class:`responses.RequestsMock` that behaves like a real connection pool (see module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._transport_faults: dict[str, list[str]] = {}
        self._faults_lock = threading.Lock()
        real_send = self._real_send

        def send_for_real(adapter, request, **send_kwargs):  # type: ignore[no-untyped-def]
            if getattr(request, ROUTE, None) is None:
                setattr(request, ROUTE, PASSED_THROUGH)
            return real_send(adapter, request, **send_kwargs)

        self._real_send = send_for_real

    def queue_transport_fault(self, host: str, kind: str, times: int = 1) -> None:
        """The next ``times`` simulated requests to ``host`` raise ``kind``: ``"timeout"`` (the
        server took the request and never answered: ``ReadTimeout``) or ``"connect-timeout"``
        (no connection: ``ConnectTimeout``). A request passed through is never affected."""
        if kind not in TRANSPORT_FAULTS:
            raise ValueError(f"unknown transport fault {kind!r}: use one of {TRANSPORT_FAULTS}")
        with self._faults_lock:
            self._transport_faults.setdefault(host.lower(), []).extend([kind] * times)

    def reset_transport_faults(self) -> None:
        with self._faults_lock:
            self._transport_faults.clear()

    def _find_match(self, request):  # type: ignore[no-untyped-def]
        match, reasons = super()._find_match(request)
        if match is None or match.passthrough or not self._transport_faults:
            return match, reasons
        host = (urlsplit(request.url or "").hostname or "").rstrip(".").lower()
        with self._faults_lock:
            queued = self._transport_faults.get(host)
            kind = queued.pop(0) if queued else None
        if kind is None:
            return match, reasons
        fault = responses.CallbackResponse(
            request.method or "GET", request.url or "", callback=_raise(kind), content_type=None
        )
        return fault, reasons

    def _on_request(
        self,
        adapter: HTTPAdapter,
        request: requests.PreparedRequest,
        *,
        retries: Retry | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        if retries is None:  # the first attempt: the adapter validates before it connects
            connect, _ = connect_and_read(resolve_timeout(kwargs.get("timeout")))
            check_socket_timeout(connect)
        retries = retries or adapter.max_retries
        vars(request).pop(ROUTE, None)  # set again below: by the registry, or the real send
        written = request.url or ""
        on_the_wire = without_userinfo(written)
        request.url = on_the_wire
        try:
            response = super()._on_request(adapter, request, retries=_NO_STATUS_RETRIES, **kwargs)
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectTimeout) as error:
            if not getattr(error, SIMULATED, False):
                raise
            retries = _count_timeout(retries, request, error)
            response = None  # retried below, outside this handler: no chain of tracebacks
        finally:
            request.url = written
        if response is None:
            retries.sleep()
            return self._on_request(adapter, request, retries=retries, **kwargs)
        if response.url == on_the_wire:
            response.url = written
        if getattr(request, ROUTE, None) == PASSED_THROUGH:
            return response  # urllib3 already ran the status retries inside the real send
        retried = _count_status(retries, request, response)
        if retried is None:
            return response
        return self._on_request(adapter, request, retries=retried, **kwargs)


def _raise(kind: str) -> Callable[[requests.PreparedRequest], Exception]:
    """A callback returning the timeout a real socket raises (the wait goes on the clock)."""

    def fail(request: requests.PreparedRequest) -> Exception:
        from helpers.wsgi_bridge import connect_timeout, read_timeout

        timeouts = getattr(request, "req_kwargs", {}) or {}
        connect, read = connect_and_read(resolve_timeout(timeouts.get("timeout")))
        seconds = connect if kind == "connect-timeout" else read
        advance_clock(seconds or 0.0)
        if kind == "connect-timeout":
            return connect_timeout(request, seconds)  # type: ignore[arg-type]
        return read_timeout(request, seconds)  # type: ignore[arg-type]

    return fail


def _count_status(
    retries: Retry, request: requests.PreparedRequest, response: requests.Response
) -> Retry | None:
    """What urllib3's ``urlopen`` does with a response: the incremented ``Retry`` to re-send
    with (its wait counted on the services' clock), ``None`` to return the response, or
    ``RetryError`` when the retries are used up and ``raise_on_status``."""
    has_retry_after = bool(response.headers.get("Retry-After"))
    if not retries.is_retry(request.method or "GET", response.status_code, has_retry_after):
        return None
    try:
        retries = retries.increment(
            method=request.method,
            url=request.path_url,
            response=response.raw,
            _pool=pool_for(request.url or ""),
        )
    except MaxRetryError as error:
        if retries.raise_on_status:
            raise requests.exceptions.RetryError(error, request=request) from None
        return None
    advance_clock(urllib3_wait(retries, response.raw))
    return retries


def urllib3_wait(retries: Retry, response: Any) -> float:
    """The seconds ``retries.sleep(response)`` sleeps (urllib3 2.x): the ``Retry-After`` value
    when the Retry honours it and it is set (and not 0), else the backoff."""
    if retries.respect_retry_after_header and response is not None:
        after = retries.get_retry_after(response)
        if after:
            return after
    return max(0.0, retries.get_backoff_time())


def _count_timeout(
    retries: Retry, request: requests.PreparedRequest, error: requests.RequestException
) -> Retry:
    """``retries.increment`` for a timeout, as urllib3's ``urlopen`` calls it; when the retries
    are used up (or do not cover this error), raise what ``HTTPAdapter.send`` raises."""
    cause = error.args[0] if error.args else None
    if isinstance(cause, MaxRetryError):  # how requests' default adapter wraps a connect timeout
        cause = cause.reason
    if not isinstance(cause, (ReadTimeoutError, ConnectTimeoutError)):
        raise error
    try:
        return retries.increment(
            method=request.method,
            url=request.path_url,
            error=cause,
            _pool=pool_for(request.url or ""),
            _stacktrace=sys.exc_info()[2],
        )
    except MaxRetryError as e:
        if isinstance(e.reason, ConnectTimeoutError) and not isinstance(
            e.reason, NewConnectionError
        ):
            raise requests.exceptions.ConnectTimeout(e, request=request) from e
        if isinstance(e.reason, ResponseError):
            raise requests.exceptions.RetryError(e, request=request) from e
        raise requests.exceptions.ConnectionError(e, request=request) from e
    except ReadTimeoutError as e:
        raise requests.exceptions.ReadTimeout(e, request=request) from e
