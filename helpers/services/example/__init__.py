"""api.example.com: the course's own fictional API, as a Flask app factory.

``create_app()`` returns a new app with new state (3 seeded todos, 4 seeded reports, no orders,
all counters at zero). Nothing is read from files or the network; all data is generated
deterministically, and timestamps come from fictional clocks that advance one step per write.
The learner-facing reference is ``notebooks/reference/example-api.md``.

Errors, every one of them (Flask's own 404 and 405 included), have one shape, as
``application/json``::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": []}}

codes: bad_request 400, unauthorized 401, forbidden 403, not_found 404, method_not_allowed 405
(with ``Allow``), conflict 409, unsupported_media_type 415, validation_failed 422 (``details`` =
``[{"field", "problem"}]``), rate_limited 429, internal_error 500, bad_gateway 502,
service_unavailable 503, gateway_timeout 504. JSON endpoints answer 415 to a body that is not
sent as JSON (form data, ``data=json.dumps(...)`` without a content type, no body), and 400 to
malformed JSON. ``install_faults`` is wired in: ``queue_faults(app, 503, times=2)``.

Endpoints (auth: none unless stated)

* ``GET /``: index of endpoints and the docs path.
* Todos, ids 1-3 seeded ("Read the requests quickstart" done, "Set a timeout on every call",
  "Keep the API key out of the notebook"), created_at from 2025-01-06T09:00:00Z, +1 min per new
  todo (first POST: id 4, 09:03). ``GET /todos[?done=true|false]`` (a JSON list);
  ``POST /todos`` {title: 1-200 chars, done: bool = false} -> 201 + absolute ``Location``;
  ``GET|PUT|PATCH|DELETE /todos/{id}``: PUT needs title and resets a missing done to false,
  PATCH changes what is sent, DELETE -> 204 then 404. Unknown, read-only (id, created_at) or
  mistyped fields -> 422. ``POST /todos/1`` -> 405 with ``Allow``.
* Auth: keys ``demo-reader-key`` (read) and ``demo-writer-key`` (read, write), from
  ``Authorization: Bearer KEY`` > ``X-API-Key`` > ``?api_key=`` (first found wins).
  ``GET /me`` -> {key_name, scopes, key_source}. No key, unknown key, ``Bearer None``, a
  non-Bearer scheme -> 401 + ``WWW-Authenticate: Bearer realm="api.example.com"``.
  ``GET /reports``, ``GET /reports/{id}`` (read; ids 1-4 seeded), ``POST /reports`` {title},
  ``DELETE /reports/{id}`` (write: the reader key gets 403).
* Models: ``GET /models``, ``GET /models/{name}`` for iris-classifier (sepal_length,
  sepal_width, petal_length, petal_width -> setosa|versicolor|virginica), churn-predictor
  (tenure_months int, monthly_spend, support_tickets int -> churn|stay), shape-classifier
  (image -> circle|square|star|triangle). ``POST /models/{name}/predict`` {features: {...}} or
  {instances: [{...}, ...]} (1-100); ``POST /models/shape-classifier/classify`` multipart part
  ``image``. Missing, extra, negative or non-numeric features -> 422; no ``image`` part or an
  empty file -> 422; a body that is not multipart -> 415; wrong endpoint for the model -> 400.
* Reliability: ``GET /flaky?failures=2&key=default`` (first N calls per (key, N) -> 503 without
  Retry-After, then 200 {status, attempt}); ``GET /rate-limited?limit=3&blocked=2&key=default``
  (a call counter, no clock: limit calls 200, then blocked calls 429 + ``Retry-After: 1``, then
  again; ``X-RateLimit-Limit``/``-Remaining``); ``GET /slow?seconds=2`` (0-10, via
  ``simulated_sleep``); ``POST /orders`` {item, quantity=1} with optional ``Idempotency-Key``
  (replay -> same 201 + ``Idempotent-Replayed: true``; same key, other body -> 409),
  ``?fail_after_create=N`` (the first N such calls create the order, then answer 503) and
  ``?delay=S`` (created, then answers late); ``GET /orders``, ``GET /orders/{id}``.
* Oddities: ``GET /html`` (200 text/html login page), ``GET /broken-json`` (200 JSON cut off),
  ``GET /empty`` (204).
* Pagination: ``GET /products?page=1&per_page=20`` (95 items, max 100, optional category);
  ``GET /events?offset=0&limit=25`` (237, max 100); ``GET /logs?cursor=&limit=10`` (58, max
  50, next_cursor null at the end, bad cursor -> 400); ``GET /articles?page=1`` (42, 10 a page,
  JSON list + ``Link``; every parameter but ``page`` is ignored: the pitfall 12 trap).
  Bad numbers -> 422. GET on lists and items sends an ``ETag`` and honours ``If-None-Match``.
"""

from __future__ import annotations

from flask import Flask

from helpers.services._common import install_faults

from . import auth, index, models, oddities, orders, pagination, reliability, todos
from .errors import install_error_handlers, make_error

HOST = "api.example.com"
BASE_URL = f"https://{HOST}"

__all__ = ["BASE_URL", "HOST", "create_app"]


def create_app() -> Flask:
    """A new api.example.com app with fresh state."""
    app = Flask(__name__, static_folder=None)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep keys in the order written
    install_error_handlers(app)
    install_faults(app, make_error)
    for module in (index, todos, auth, models, reliability, orders, oddities, pagination):
        module.register(app)
    return app
