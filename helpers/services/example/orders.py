"""Orders: a POST that is not safe to retry blindly, and the ``Idempotency-Key`` that makes it so.

Without the header every POST creates a new order. With it, the first POST creates the order and
any later POST with the same key and the same body replays the original 201 answer (plus
``Idempotent-Replayed: true``) instead of creating a duplicate. Two knobs simulate the failures
that make clients retry a POST: ``fail_after_create=N`` and ``delay=S``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, current_app, request

from helpers.services._common import MAX_SLEEP_SECONDS, simulated_sleep

from .errors import ApiError, error_response
from .reliability import CallCounts
from .support import FictionalClock, absolute_url, json_response, route, utc, with_etag
from .validation import (
    check_fields,
    check_number,
    check_text,
    int_arg,
    number_arg,
    raise_if,
    read_json_object,
)

STATE = "example.orders"
MAX_KEY_LENGTH = 255
MAX_QUANTITY = 100
MAX_FAILURES = 5


@dataclass(frozen=True)
class Replay:
    fingerprint: str
    order: dict[str, Any]


@dataclass
class OrderStore:
    clock: FictionalClock = field(default_factory=lambda: FictionalClock(utc(2025, 3, 10, 10, 0)))
    orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    replays: dict[str, Replay] = field(default_factory=dict)
    failures: CallCounts = field(default_factory=CallCounts)
    next_id: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, fields: dict[str, Any], key: str | None) -> tuple[dict[str, Any], bool]:
        """(order, replayed): a new order, or the one first created with this key."""
        fingerprint = json.dumps(fields, sort_keys=True)
        with self.lock:
            if key is not None and key in self.replays:
                replay = self.replays[key]
                if replay.fingerprint != fingerprint:
                    raise ApiError(
                        409,
                        f"The Idempotency-Key {key!r} was already used with a different body. "
                        "Use a new key for a new order; reuse a key only to retry the same one.",
                    )
                return dict(replay.order), True
            order = {"id": self.next_id, **fields, "created_at": self.clock.tick()}
            self.orders[self.next_id] = order
            self.next_id += 1
            if key is not None:
                self.replays[key] = Replay(fingerprint, dict(order))
            return dict(order), False

    def get(self, order_id: int) -> dict[str, Any] | None:
        with self.lock:
            order = self.orders.get(order_id)
            return None if order is None else dict(order)

    def all(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(self.orders[key]) for key in sorted(self.orders)]


def register(app: Flask) -> None:
    app.extensions[STATE] = OrderStore()
    route(app, "/orders", "orders", GET=list_orders, POST=create_order)
    route(app, "/orders/<order_id>", "order", GET=get_order)


def _store() -> OrderStore:
    return current_app.extensions[STATE]


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key.strip()) <= MAX_KEY_LENGTH:
        raise ApiError(
            400,
            f"The Idempotency-Key header must be 1 to {MAX_KEY_LENGTH} characters, "
            "for example a UUID from str(uuid.uuid4()).",
        )
    return None if key is None else key.strip()


def _order_fields() -> dict[str, Any]:
    body = read_json_object()
    details = []
    check_fields(body, ("item", "quantity"), details, read_only=("id", "created_at"))
    check_text(body, "item", details, max_length=100)
    quantity = body.get("quantity", 1)
    check_number(quantity, "quantity", details, integer=True, minimum=1, maximum=MAX_QUANTITY)
    raise_if(details)
    return {"item": body["item"], "quantity": int(quantity)}


def create_order() -> Response:
    details = []
    fail_after_create = int_arg("fail_after_create", 0, details, minimum=0, maximum=MAX_FAILURES)
    delay = number_arg("delay", 0.0, details, maximum=MAX_SLEEP_SECONDS)
    raise_if(details)
    key = _idempotency_key()
    store = _store()
    order, replayed = store.create(_order_fields(), key)
    headers = {"Location": absolute_url(f"/orders/{order['id']}")}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
        return json_response(order, 201, headers)
    if fail_after_create and store.failures.bump(fail_after_create) <= fail_after_create:
        return error_response(503)
    if delay:
        simulated_sleep(delay)
    return json_response(order, 201, headers)


def list_orders() -> Response:
    return with_etag(json_response(_store().all()))


def get_order(order_id: str) -> Response:
    order = None
    if order_id.isascii() and order_id.isdigit():
        order = _store().get(int(order_id))
    if order is None:
        raise ApiError(404, f"No order with id {order_id}. GET /orders lists the orders.")
    return with_etag(json_response(order))
