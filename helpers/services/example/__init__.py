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

Endpoints: the registry ``index.ENDPOINTS`` is the one list of them. It feeds ``GET /`` and the
reference's endpoint table (``python -m helpers.services.example.reference`` rewrites it); a
test checks that it matches the app's routes, and another that the reference is up to date.
The state: 3 seeded todos, 4 reports, 12 users, no orders; keys ``demo-reader-key`` (read) and
``demo-writer-key`` (read, write); Basic-auth account ``learner`` / ``demo-password`` (fake and
public on purpose). Malformed or pathologically nested JSON gets a 400, never a 500.
"""

from __future__ import annotations

from flask import Flask

from helpers.services._common import guard_json, install_faults

from . import (
    auth,
    index,
    models,
    oddities,
    orders,
    pagination,
    reliability,
    todos,
    tutorial,
    users,
)
from .errors import error_response, install_error_handlers, make_error

HOST = "api.example.com"
BASE_URL = f"https://{HOST}"

__all__ = ["BASE_URL", "HOST", "create_app"]


def create_app() -> Flask:
    """A new api.example.com app with fresh state."""
    app = Flask(__name__, static_folder=None)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep keys in the order written
    install_error_handlers(app)
    install_faults(app, make_error)
    guard_json(app, _too_deep)
    modules = (index, todos, auth, models, reliability, orders, oddities, pagination, users)
    for module in (*modules, tutorial):
        module.register(app)
    return app


def _too_deep():
    return error_response(
        400,
        "The body is not valid JSON: it is nested too deeply to parse. "
        "Send a flatter structure with json=.",
    )
