"""Run a WSGI app for one `requests` request: the glue between `responses` and Flask.

`responses` hands us the :class:`requests.PreparedRequest` that would have gone on the wire. We
build the WSGI environ a real server would build from those bytes, run the app, and hand back
``(status, headers, body)``. Because the app sees a genuine request, everything a real server does
(multipart parsing, Basic auth, cookies, redirects, query strings, error pages) just works.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

from helpers.services._common import clear_read_timeout, set_read_timeout

Headers = list[tuple[str, str]]

# Hop-by-hop or transport headers the WSGI layer sets itself from the body.
_SKIP_REQUEST_HEADERS = {"content-length", "host"}


def read_timeout_of(timeout: object) -> float | None:
    """The read part of whatever was passed as ``timeout=`` (float, tuple, urllib3 Timeout)."""
    if timeout is None:
        return None
    if isinstance(timeout, tuple):
        return None if timeout[1] is None else float(timeout[1])
    read = getattr(timeout, "read_timeout", None)  # urllib3.Timeout
    if read is not None or hasattr(timeout, "read_timeout"):
        return None if read is None else float(read)
    return float(timeout)  # type: ignore[arg-type]


def environ_for(request: requests.PreparedRequest) -> dict:
    """The WSGI environ a server would build for ``request``."""
    url = urlsplit(request.url or "")
    body = request.body
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif body is not None and not isinstance(body, bytes):
        body = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in body)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _SKIP_REQUEST_HEADERS]
    builder = EnvironBuilder(
        method=request.method or "GET",
        base_url=f"{url.scheme}://{url.netloc}",
        path=url.path or "/",
        query_string=url.query,
        headers=headers,
        data=body or b"",
    )
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    # EnvironBuilder guesses a content type; keep exactly what the client sent (or nothing).
    content_type = request.headers.get("Content-Type")
    if content_type is None:
        environ.pop("CONTENT_TYPE", None)
    else:
        environ["CONTENT_TYPE"] = content_type
    environ["REMOTE_ADDR"] = "127.0.0.1"
    return environ


def call_app(
    app: Flask, request: requests.PreparedRequest
) -> tuple[int, Headers, bytes] | requests.exceptions.ReadTimeout:
    """Run ``app`` for ``request`` and return what ``responses`` needs to build the Response.

    A slow endpoint whose delay exceeds the caller's read timeout yields a
    :class:`requests.exceptions.ReadTimeout` (``responses`` raises exceptions a callback
    returns), exactly what the real socket would have raised.
    """
    kwargs = getattr(request, "req_kwargs", {}) or {}
    set_read_timeout(read_timeout_of(kwargs.get("timeout")))
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
    if expired is not None:
        url = urlsplit(request.url or "")
        port = url.port or (443 if url.scheme == "https" else 80)
        pool = "HTTPSConnectionPool" if url.scheme == "https" else "HTTPConnectionPool"
        return requests.exceptions.ReadTimeout(
            f"{pool}(host='{url.hostname}', port={port}): Read timed out. (read timeout={expired})",
            request=request,
        )
    code = int(status.split(" ", 1)[0])
    return code, list(headers.items()), body
