"""API-key auth: ``GET /me`` and the ``/reports`` resource (read and write scopes).

The two demo keys are fake and public on purpose. A key is accepted from, in this order of
precedence, ``Authorization: Bearer KEY``, ``X-API-Key: KEY`` or the ``api_key`` query parameter.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, current_app, request

from .errors import ApiError
from .support import (
    FictionalClock,
    absolute_url,
    json_response,
    no_content,
    route,
    utc,
    with_etag,
)
from .validation import check_fields, check_text, raise_if, read_json_object

STATE = "example.reports"
REALM = 'Bearer realm="api.example.com"'
KEYS = {
    "demo-reader-key": ("demo-reader", ("read",)),
    "demo-writer-key": ("demo-writer", ("read", "write")),
}
# Scheme names that may be quoted back in a 401 (the IANA registry plus common ones).
KNOWN_SCHEMES = frozenset(
    {
        "basic",
        "digest",
        "token",
        "apikey",
        "api-key",
        "hoba",
        "mutual",
        "negotiate",
        "ntlm",
        "oauth",
        "scram-sha-1",
        "scram-sha-256",
        "vapid",
        "aws4-hmac-sha256",
        "jwt",
        "key",
    }
)
SEED_REPORTS = (
    ("Weekly sign-ups", "analytics"),
    ("Churn by plan", "analytics"),
    ("Model accuracy drift", "ml-platform"),
    ("API latency percentiles", "sre"),
)
HOW_TO_SEND = (
    "Send your key in the Authorization header: "
    "headers={'Authorization': f'Bearer {key}'} (an X-API-Key header also works)."
)
NONE_KEY = (
    "The key is the string 'None': your code probably read a missing environment variable "
    "with os.environ.get(). Use os.environ['NAME'] so that a missing key fails at once."
)


@dataclass(frozen=True)
class Caller:
    key_name: str
    scopes: tuple[str, ...]
    key_source: str


@dataclass
class ReportStore:
    clock: FictionalClock = field(default_factory=lambda: FictionalClock(utc(2025, 2, 3, 8, 0)))
    reports: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, title: str, owner: str) -> dict[str, Any]:
        with self.lock:
            report = {"id": self.next_id, "title": title, "owner": owner}
            report["created_at"] = self.clock.tick()
            self.reports[self.next_id] = report
            self.next_id += 1
            return dict(report)

    def get(self, report_id: int) -> dict[str, Any] | None:
        with self.lock:
            report = self.reports.get(report_id)
            return None if report is None else dict(report)

    def remove(self, report_id: int) -> bool:
        with self.lock:
            return self.reports.pop(report_id, None) is not None

    def all(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(self.reports[key]) for key in sorted(self.reports)]


def register(app: Flask) -> None:
    store = ReportStore()
    for title, owner in SEED_REPORTS:
        store.add(title, owner)
    app.extensions[STATE] = store
    route(app, "/me", "me", GET=me)
    route(app, "/reports", "reports", GET=list_reports, POST=create_report)
    route(app, "/reports/<report_id>", "report", GET=get_report, DELETE=delete_report)


# --- authentication ----------------------------------------------------------------------------


def _unauthorized(message: str, invalid: bool = False) -> ApiError:
    challenge = REALM + (', error="invalid_token"' if invalid else "")
    return ApiError(401, message, headers={"WWW-Authenticate": challenge})


def _sent_key() -> tuple[str, str]:
    """(key, source) from the request, in order of precedence; 401 when there is none."""
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _, key = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise _unauthorized(_wrong_scheme_message(scheme, key))
        return key.strip(), "authorization-header"
    if "X-API-Key" in request.headers:
        return request.headers["X-API-Key"].strip(), "x-api-key-header"
    if "api_key" in request.args:
        return request.args["api_key"].strip(), "query-string"
    raise _unauthorized("This endpoint needs an API key and none was sent. " + HOW_TO_SEND)


def _wrong_scheme_message(scheme: str, rest: str) -> str:
    """What is wrong with an Authorization header that is not ``Bearer KEY``.

    Only a well-known scheme name is quoted back: a lone word is most likely the key itself
    (sent without ``Bearer ``), and a message must never repeat a credential.
    """
    if not rest.strip():
        return (
            "The Authorization header has no scheme: put 'Bearer ' in front of the key "
            "('Bearer KEY'). " + HOW_TO_SEND
        )
    if scheme.lower() in KNOWN_SCHEMES:
        return (
            f"The Authorization header uses the {scheme!r} scheme; this API expects "
            "'Bearer KEY'. " + HOW_TO_SEND
        )
    return (
        "The Authorization header does not start with a known scheme; this API expects "
        "'Bearer KEY'. " + HOW_TO_SEND
    )


def authenticate() -> Caller:
    key, source = _sent_key()
    if not key:
        raise _unauthorized("The API key is empty. " + HOW_TO_SEND, invalid=True)
    if key == "None":
        raise _unauthorized(NONE_KEY, invalid=True)
    if key not in KEYS:
        raise _unauthorized(
            "The API key was not recognised. Check that you copied the whole key, "
            "without quotes or spaces around it.",
            invalid=True,
        )
    name, scopes = KEYS[key]
    return Caller(key_name=name, scopes=scopes, key_source=source)


def require_scope(scope: str) -> Caller:
    caller = authenticate()
    if scope not in caller.scopes:
        raise ApiError(
            403,
            f"This key ({caller.key_name}) lacks the {scope} scope needed for "
            f"{request.method} {request.path}. Use a key that has the {scope} scope.",
        )
    return caller


# --- views -------------------------------------------------------------------------------------


def _store() -> ReportStore:
    return current_app.extensions[STATE]


def _report_id(raw_id: str) -> int:
    if raw_id.isascii() and raw_id.isdigit() and _store().get(int(raw_id)) is not None:
        return int(raw_id)
    raise ApiError(404, f"No report with id {raw_id}. GET /reports lists the reports.")


def me() -> Response:
    caller = authenticate()
    body = {"key_name": caller.key_name, "scopes": list(caller.scopes)}
    body["key_source"] = caller.key_source
    return json_response(body)


def list_reports() -> Response:
    require_scope("read")
    return with_etag(json_response(_store().all()))


def get_report(report_id: str) -> Response:
    require_scope("read")
    return with_etag(json_response(_store().get(_report_id(report_id))))


def create_report() -> Response:
    caller = require_scope("write")
    body = read_json_object()
    details = []
    check_fields(body, ("title",), details, read_only=("id", "owner", "created_at"))
    check_text(body, "title", details, max_length=200)
    raise_if(details)
    report = _store().add(body["title"], caller.key_name)
    return json_response(report, 201, {"Location": absolute_url(f"/reports/{report['id']}")})


def delete_report(report_id: str) -> Response:
    require_scope("write")
    _store().remove(_report_id(report_id))
    return no_content()
