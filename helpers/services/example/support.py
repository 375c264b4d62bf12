"""Small response helpers shared by the api.example.com modules: JSON, 204, ETag, clock, URLs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Flask, Response, request

from helpers.services._common import etag_for

JSON_MIMETYPE = "application/json"


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A JSON response with keys in the order they were written (no sorting)."""
    response = Response(json.dumps(payload), status=status, mimetype=JSON_MIMETYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def no_content() -> Response:
    """204 No Content: no body and no Content-Type."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response


def with_etag(response: Response) -> Response:
    """Add a strong ETag; answer 304 Not Modified when ``If-None-Match`` already matches it."""
    etag = etag_for(response.get_data())
    if _etag_matches(request.headers.get("If-None-Match"), etag):
        not_modified = Response(status=304)
        del not_modified.headers["Content-Type"]
        not_modified.headers["ETag"] = etag
        if "Link" in response.headers:
            not_modified.headers["Link"] = response.headers["Link"]
        return not_modified
    response.headers["ETag"] = etag
    return response


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = [part.strip() for part in header.split(",")]
    return "*" in candidates or any(c.removeprefix("W/") == etag for c in candidates)


def absolute_url(path: str) -> str:
    """``path`` as an absolute URL on the request's own host (api.example.com or 127.0.0.1)."""
    return request.host_url.rstrip("/") + path


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


class FictionalClock:
    """A deterministic clock: every :meth:`tick` returns the current time, then moves it on."""

    def __init__(self, start: datetime, step: timedelta = timedelta(minutes=1)) -> None:
        self._now = start
        self._step = step
        self._lock = threading.Lock()

    def tick(self) -> str:
        with self._lock:
            moment = self._now
            self._now += self._step
        return iso(moment)


def route(app: Flask, path: str, endpoint: str, **views: Callable[..., Response]) -> None:
    """One URL rule for ``path`` whose methods are the keyword names: ``GET=list_todos``.

    One rule per path (not per method) keeps ``create_app()`` cheap; Flask still answers 405
    with the right ``Allow`` header, and HEAD is served by the GET view.
    """

    def view(**kwargs: Any) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return views[method](**kwargs)

    app.add_url_rule(path, endpoint, view, methods=list(views))


@dataclass
class RecordStore:
    """The records of one CRUD resource (todos, users), numbered from 1, each with a
    ``created_at`` from the resource's fictional clock. ``not_found(raw_id)`` is the resource's
    own 404 error. Thread-safe; callers get copies, never the stored dicts."""

    clock: FictionalClock
    not_found: Callable[[str], Exception]
    records: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **fields: Any) -> dict[str, Any]:
        with self.lock:
            record = {"id": self.next_id, **fields, "created_at": self.clock.tick()}
            self.records[self.next_id] = record
            self.next_id += 1
            return dict(record)

    def get(self, record_id: int) -> dict[str, Any]:
        with self.lock:
            if record_id not in self.records:
                raise self.not_found(str(record_id))
            return dict(self.records[record_id])

    def update(self, record_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            if record_id not in self.records:
                raise self.not_found(str(record_id))
            self.records[record_id].update(changes)
            return dict(self.records[record_id])

    def delete(self, record_id: int) -> None:
        with self.lock:
            if self.records.pop(record_id, None) is None:
                raise self.not_found(str(record_id))

    def all(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(self.records[key]) for key in sorted(self.records)]
