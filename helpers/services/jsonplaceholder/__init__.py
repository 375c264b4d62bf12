"""Simulated jsonplaceholder.typicode.com: a dated snapshot of the real service.

The data is JSONPlaceholder's own (``data/db.json``, MIT, see ``data/PROVENANCE.md``): 100
posts, 500 comments, 100 albums, 5000 photos, 200 todos and 10 users. The behaviour follows the
code the real service runs (typicode/jsonplaceholder on json-server 0.16, Express 4.17):
filtering by any field, ``_sort``/``_order``, ``_start``/``_end``/``_limit``/``_page``, nested
routes, ``POST`` -> 201 with the next id, ``PUT``/``PATCH`` -> 200 with the merged item,
``DELETE`` -> 200 ``{}``, unknown id -> 404 ``{}``, and nothing is ever kept. Its quirks are
kept too: ``PUT`` on a missing id is a 500, a body that is not JSON is read as ``{}``, and a
body that does not parse is a 500 with the error's text (json-server's error handler).
"""

from __future__ import annotations

from flask import Flask, Response

from helpers.services._common import guard_json

from . import data, express
from .routes import TOO_DEEP, handle

HOST = "jsonplaceholder.typicode.com"
BASE_URL = f"https://{HOST}"
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

__all__ = ["BASE_URL", "HOST", "create_app"]


def create_app() -> Flask:
    """A new app. The data is loaded once per process and shared read-only between apps."""
    data.database()
    app = Flask("jsonplaceholder", static_folder=None)
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    for rule in ("/", "/<path:path>"):
        app.add_url_rule(
            rule,
            "handle",
            _view,
            methods=METHODS,
            provide_automatic_options=False,
        )
    app.register_error_handler(Exception, _crash)
    guard_json(app, _too_deep)
    return app


def _view(path: str = "") -> Response:
    return handle(path)


def _too_deep() -> Response:
    return express.server_error(TOO_DEEP)


def _crash(_error: Exception) -> Response:
    """Any other failure: json-server's 500 with the error's text, silently."""
    return express.server_error("Error: Internal Server Error")
