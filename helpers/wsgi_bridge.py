"""Run a WSGI app for one `requests` request: the glue between `responses` and Flask.

`responses` hands us the :class:`requests.PreparedRequest` that would have gone on the wire. We
build the WSGI environ a real server would build from those bytes (the path as waitress, the
loopback server, hands it over; the Host header http.client sends, never user information), run
the app, and hand back ``(status, headers, body)``, or the exception a real connection raises.
Because the app sees a genuine request, everything a real server does (multipart parsing, Basic
auth, cookies, redirects, query strings, error pages) just works.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes, urlsplit

import requests
from flask import Flask
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, ReadTimeoutError
from werkzeug.test import EnvironBuilder, run_wsgi_app

from helpers.course_mock import (
    SIMULATED,
    check_socket_timeout,
    connect_and_read,
    pool_for,
    resolve_timeout,
    without_userinfo,
)
from helpers.services._common import clear_read_timeout, set_read_timeout

Headers = list[tuple[str, str]]

# Hop-by-hop or transport headers the WSGI layer sets itself from the body.
_SKIP_REQUEST_HEADERS = {"content-length", "host"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_header(url: str) -> str:
    """The Host header http.client sends for ``url``: no user information, no default port."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme):
        return host
    return f"{host}:{port}"


def path_info(request_uri: str) -> tuple[str, str]:
    """``(PATH_INFO, QUERY_STRING)`` as waitress (the loopback server) builds them from the
    request line: percent-decoded, read as latin-1, leading slashes folded into one."""
    path, _, query = request_uri.partition("?")
    path = unquote_to_bytes(path).decode("latin-1")
    if path.startswith("/"):
        path = "/" + path.lstrip("/")
    return path, query


def environ_for(request: requests.PreparedRequest) -> dict:
    """The WSGI environ a server would build for ``request``: the path exactly as it goes on the
    wire (``//todos`` stays a path), the Host header without user information."""
    url = without_userinfo(request.url or "")
    parts = urlsplit(url)
    request_uri = _path_url(url)
    body = request.body
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif body is not None and not isinstance(body, bytes):
        body = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in body)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _SKIP_REQUEST_HEADERS]
    host = request.headers.get("Host") or host_header(url)
    builder = EnvironBuilder(
        method=request.method or "GET",
        base_url=f"{parts.scheme}://{host_header(url)}",
        headers=headers,
        data=body or b"",
    )
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    environ["PATH_INFO"], environ["QUERY_STRING"] = path_info(request_uri)
    environ["REQUEST_URI"] = request_uri
    environ.pop("RAW_URI", None)
    environ["HTTP_HOST"] = host
    # EnvironBuilder guesses a content type; keep exactly what the client sent (or nothing).
    content_type = request.headers.get("Content-Type")
    if content_type is None:
        environ.pop("CONTENT_TYPE", None)
    else:
        environ["CONTENT_TYPE"] = content_type
    environ["REMOTE_ADDR"] = "127.0.0.1"
    return environ


def _path_url(url: str) -> str:
    """What requests puts on the request line for ``url`` (``PreparedRequest.path_url``)."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def call_app(
    app: Flask, request: requests.PreparedRequest
) -> tuple[int, Headers, bytes] | Exception:
    """Run ``app`` for ``request`` and return what ``responses`` needs to build the Response.

    ``responses`` raises an exception a callback returns. Returned, as a real connection raises:

    * the ``ValueError`` requests raises for an invalid ``timeout=`` (the app never runs);
    * :class:`requests.exceptions.ReadTimeout` when a slow endpoint's delay exceeds the read
      timeout (the bridge waits exactly the timeout; the mock retries it through the mounted
      ``Retry``);
    * what ``socket.settimeout`` raises for a read timeout of ``nan`` or ``inf``, after the app
      ran (a real client sends the request before it sets the read timeout).
    """
    kwargs = getattr(request, "req_kwargs", {}) or {}
    try:
        connect, read = connect_and_read(resolve_timeout(kwargs.get("timeout")))
        check_socket_timeout(connect)
    except (ValueError, TypeError, OverflowError) as error:
        return error
    try:
        check_socket_timeout(read)
        socket_error = None
    except (ValueError, TypeError, OverflowError) as error:
        socket_error, read = error, 0.0
    set_read_timeout(read)
    try:
        app_iter, status, headers = run_wsgi_app(app, environ_for(request), buffered=True)
        try:
            body = b"".join(app_iter)
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
    finally:
        expired = clear_read_timeout()
    if socket_error is not None:
        return socket_error
    if expired is not None:
        return read_timeout(request, expired)
    code = int(status.split(" ", 1)[0])
    return code, list(headers.items()), body


def read_timeout(
    request: requests.PreparedRequest, seconds: float
) -> requests.exceptions.ReadTimeout:
    """The ``ReadTimeout`` requests raises when the socket waited ``seconds`` for an answer:
    urllib3's ``ReadTimeoutError`` wrapped, so the mock can retry it as urllib3 would."""
    url = without_userinfo(request.url or "")
    cause = ReadTimeoutError(
        pool_for(url), _path_url(url), f"Read timed out. (read timeout={seconds})"
    )
    error = requests.exceptions.ReadTimeout(cause, request=request)
    setattr(error, SIMULATED, True)
    return error


def connect_timeout(
    request: requests.PreparedRequest, seconds: float
) -> requests.exceptions.ConnectTimeout:
    """The ``ConnectTimeout`` requests raises when no connection came within ``seconds`` (for a
    control verb that simulates an unreachable server; the mock retries it through the mounted
    ``Retry`` against ``connect``, for every method, as urllib3 does)."""
    url = without_userinfo(request.url or "")
    pool = pool_for(url)
    connection = pool.ConnectionCls(pool.host, pool.port)
    cause = ConnectTimeoutError(
        connection, f"Connection to {pool.host} timed out. (connect timeout={seconds})"
    )
    error = requests.exceptions.ConnectTimeout(
        MaxRetryError(pool, _path_url(url), cause), request=request
    )
    setattr(error, SIMULATED, True)
    return error
