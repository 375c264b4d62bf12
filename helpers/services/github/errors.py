"""GitHub's response bodies: JSON with its content type, and its error shape.

GitHub's errors are ``{"message": ..., "documentation_url": ..., "status": "404"}`` (``status``
is a string), with ``errors: [...]`` for 422 Validation Failed.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from flask import Response

JSON_TYPE = "application/json; charset=utf-8"
DOCS_URL = "https://docs.github.com/rest"
VERSIONS_DOCS_URL = "https://docs.github.com/rest/overview/api-versions"
RATE_LIMIT_DOCS_URL = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
PAGINATION_DOCS_URL = "https://docs.github.com/v3/#pagination"
SEARCH_DOCS_URL = "https://docs.github.com/v3/search"

MESSAGES = {
    400: "Bad Request",
    401: "Bad credentials",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    422: "Validation Failed",
    429: (
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
    ),
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
    504: (
        "We couldn't respond to your request in time. Sorry about that. Please try resubmitting "
        "your request and contact us if the problem persists."
    ),
}


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, indent=2)
    return Response(body, status=status, content_type=JSON_TYPE)


def error_response(
    status: int,
    message: str | None = None,
    documentation_url: str = DOCS_URL,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    """GitHub's error body: ``message``, optional ``errors``, ``documentation_url``, ``status``."""
    body: dict[str, Any] = {"message": message or default_message(status)}
    if errors is not None:
        body["errors"] = errors
    body["documentation_url"] = documentation_url
    body["status"] = str(status)
    return json_response(body, status)


def default_message(status: int) -> str:
    if status in MESSAGES:
        return MESSAGES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def make_error(status: int) -> Response:
    """The response GitHub would send for ``status`` (used for injected faults)."""
    return error_response(status)


def not_found(docs_anchor: str = "") -> Response:
    docs = f"{DOCS_URL}/{docs_anchor}" if docs_anchor else DOCS_URL
    return error_response(404, "Not Found", docs)


def bad_json() -> Response:
    """GitHub's answer to a body it cannot parse as JSON."""
    return error_response(400, "Problems parsing JSON", DOCS_URL)


def validation_failed(errors: list[dict[str, Any]], docs: str) -> Response:
    return error_response(422, "Validation Failed", docs, errors)


def invalid_param(resource: str, name: str, docs: str) -> Response:
    return validation_failed([{"resource": resource, "field": name, "code": "invalid"}], docs)


def pagination_limited() -> Response:
    """What GitHub answers past the last page it is willing to serve for a big list."""
    message = (
        "In order to keep the API fast for everyone, pagination is limited for this resource. "
        "Check the rel=last link relation in the Link response header to see how far back you "
        "can traverse."
    )
    return error_response(422, message, PAGINATION_DOCS_URL)


def unsupported_version(version: str, supported: tuple[str, ...]) -> Response:
    message = (
        f"Unsupported 'X-GitHub-Api-Version' header: {version}. "
        f"Supported versions are {', '.join(supported)}."
    )
    return error_response(400, message, VERSIONS_DOCS_URL)
