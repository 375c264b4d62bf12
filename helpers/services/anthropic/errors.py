"""The Messages API's error shape, and the exception the simulator raises to produce it.

Every error is ``{"type": "error", "error": {"type": ..., "message": ...}, "request_id": ...}``
with the same id in the ``request-id`` header (that header is added to every response by the app).
"""

from __future__ import annotations

import json
from types import MappingProxyType

from flask import Response

ERROR_TYPES = MappingProxyType(
    {
        400: "invalid_request_error",
        401: "authentication_error",
        403: "permission_error",
        404: "not_found_error",
        413: "request_too_large",
        429: "rate_limit_error",
        500: "api_error",
        529: "overloaded_error",
    }
)

DEFAULT_MESSAGES = MappingProxyType(
    {
        400: "Invalid request",
        401: "invalid x-api-key",
        403: "Your API key does not have permission to use the specified resource.",
        404: "Not found",
        405: "Method Not Allowed",
        413: "Request exceeds the maximum allowed number of bytes.",
        429: "This request would exceed your organization's rate limit. Please retry later.",
        500: "Internal server error",
        529: "Overloaded",
    }
)

# The API's own hint to clients (its SDKs read it): is this error worth retrying?
RETRYABLE_STATUSES = frozenset({408, 409, 429}) | frozenset(range(500, 600))


def error_type_for(status: int) -> str:
    """The ``error.type`` for a status; other 4xx are invalid_request_error, other 5xx api_error."""
    if status in ERROR_TYPES:
        return ERROR_TYPES[status]
    return "api_error" if status >= 500 else "invalid_request_error"


class ApiError(Exception):
    """Raised anywhere in a request; the app turns it into the error response."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        error_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.message = message or DEFAULT_MESSAGES.get(status, "Error")
        self.error_type = error_type or error_type_for(status)
        self.headers = dict(headers or {})
        super().__init__(f"{status} {self.error_type}: {self.message}")


def to_json(data: object) -> str:
    """Compact JSON in insertion order, as the real API sends it."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def error_response(error: ApiError, request_id: str) -> Response:
    body = {
        "type": "error",
        "error": {"type": error.error_type, "message": error.message},
        "request_id": request_id,
    }
    response = Response(to_json(body), status=error.status, mimetype="application/json")
    response.headers["x-should-retry"] = "true" if error.status in RETRYABLE_STATUSES else "false"
    for name, value in error.headers.items():
        response.headers[name] = value
    return response
