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
  does), so a learner sees what the retries cost. Status retries are left to ``responses``
  (counted, ``RetryError`` when used up, but never slept): the loopback server shows real
  backoff, and in-process demos stay fast.
* **User information in the URL** (``https://user:pw@host/``) is not part of what goes on the
  wire: requests turns it into Basic auth (``prepare_auth``) and the Host header has none. The
  mock matches and dispatches the URL without it, so no credential reaches a route pattern, an
  app or an error message; the request and response keep the URL the learner wrote, as requests
  does.
"""

from __future__ import annotations

import socket
import sys
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

# Set on the timeout exceptions the in-process bridge produces: only those are retried here
# (a request passed through to a real server was already retried by urllib3 itself).
SIMULATED = "_course_simulated_timeout"


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
        written = request.url or ""
        on_the_wire = without_userinfo(written)
        request.url = on_the_wire
        try:
            response = super()._on_request(adapter, request, retries=retries, **kwargs)
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectTimeout) as error:
            if not getattr(error, SIMULATED, False):
                raise
            retries = _count_timeout(retries or adapter.max_retries, request, error)
            response = None  # retried below, outside this handler: no chain of tracebacks
        except requests.exceptions.RetryError as error:
            named = _with_pool(error, request)
            if named is error:
                raise
            raise named from None
        finally:
            request.url = written
        if response is None:
            retries.sleep()  # type: ignore[union-attr]
            return self._on_request(adapter, request, retries=retries, **kwargs)
        if response.url == on_the_wire:
            response.url = written
        return response


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


def _with_pool(
    error: requests.exceptions.RetryError, request: requests.PreparedRequest
) -> requests.exceptions.RetryError:
    """``responses`` builds its ``RetryError`` around ``MaxRetryError(None, full_url, ...)``;
    urllib3 names the pool and the path: ``HTTPSConnectionPool(host=..., port=443): Max retries
    exceeded with url: /flaky (Caused by ResponseError('too many 503 error responses'))``."""
    cause = error.args[0] if error.args else None
    if not isinstance(cause, MaxRetryError) or cause.pool is not None:
        return error
    url = request.url or ""
    named = MaxRetryError(pool_for(url), request.path_url, cause.reason)
    return requests.exceptions.RetryError(named, request=request)
