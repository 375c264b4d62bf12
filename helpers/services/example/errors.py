"""The one error shape of api.example.com, and the handlers that make every error use it.

Every error, including Flask's own 404 and 405, is::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": []}}

with ``Content-Type: application/json``. ``details`` is a list of ``{"field", "problem"}``
objects for 422 ``validation_failed`` and empty otherwise.
"""

from __future__ import annotations

import re

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.http import HTTP_STATUS_CODES

from .support import json_response

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}

RETRY_LATER = "This is temporary: retry later, with backoff."
DEFAULT_MESSAGES = {
    400: "The request could not be understood. Check its parameters and body.",
    401: "No valid API key was sent. Send one as 'Authorization: Bearer KEY'.",
    403: "This key is not allowed to do that.",
    404: "Nothing was found at this address.",
    409: "The request conflicts with the current state of the resource.",
    422: "The request is well formed but some values are not acceptable.",
    429: "Too many requests. Wait the number of seconds in Retry-After, then retry.",
    500: "The server hit an unexpected error. It is not your fault. " + RETRY_LATER,
    502: "The gateway got an invalid answer from the upstream server. " + RETRY_LATER,
    503: "The service is temporarily unavailable. " + RETRY_LATER,
    504: "The gateway timed out waiting for the upstream server. " + RETRY_LATER,
}

Detail = dict[str, str]


class ApiError(Exception):
    """Raise from a view to answer with the error shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        details: list[Detail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = list(details or [])
        self.headers = dict(headers or {})

    def response(self) -> Response:
        return error_response(self.status, self.message, self.details, self.headers)


def code_for(status: int) -> str:
    """The ``code`` string for a status: ``not_found`` for 404, ``i_m_a_teapot`` for 418."""
    if status in CODES:
        return CODES[status]
    phrase = HTTP_STATUS_CODES.get(status, "error")
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_") or "error"


def error_response(
    status: int,
    message: str | None = None,
    details: list[Detail] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The error shape as a response (works outside a request, e.g. for injected faults)."""
    if message is None:
        message = DEFAULT_MESSAGES.get(status, f"{HTTP_STATUS_CODES.get(status, 'Error')}.")
    body = {
        "error": {
            "status": status,
            "code": code_for(status),
            "message": message,
            "details": list(details or []),
        }
    }
    return json_response(body, status, headers)


def make_error(status: int) -> Response:
    """The error for an injected fault (see ``install_faults``); 429 carries ``Retry-After: 1``."""
    headers = {"Retry-After": "1"} if status == 429 else None
    return error_response(status, headers=headers)


def install_error_handlers(app: Flask) -> None:
    """Route every error, expected or not, to the error shape.

    Unexpected exceptions become a 500 here instead of reaching Flask's default handler, which
    would log a traceback to stderr (and a notebook cell fails on unexpected stderr).
    """
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)


def _handle_api_error(error: ApiError) -> Response:
    return error.response()


def _handle_http_exception(error: HTTPException) -> Response:
    if isinstance(error, NotFound):
        return error_response(
            404,
            f"No endpoint at {request.method} {request.path}. "
            "Check the path for typos; GET / lists every endpoint of this API.",
        )
    if isinstance(error, MethodNotAllowed):
        allowed = ", ".join(sorted(error.valid_methods or []))
        return error_response(
            405,
            f"{request.method} is not allowed on {request.path}. Allowed methods: {allowed}.",
            headers={"Allow": allowed},
        )
    status = error.code or 500
    return error_response(status, error.description or None)


def _handle_unexpected(error: Exception) -> Response:
    return error_response(500)
