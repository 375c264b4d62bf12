"""``GET /``: the machine-readable index of every endpoint of api.example.com."""

from __future__ import annotations

from flask import Flask, Response

from .support import json_response, route

DOCS = "notebooks/reference/example-api.md"

# (method, path, one-line description); a test checks that this matches the app's routes.
ENDPOINTS = (
    ("GET", "/", "This index of endpoints."),
    ("GET", "/todos", "List todos; optional done=true|false filter."),
    ("GET", "/todos/count", "How many todos (a bare JSON number); optional done filter."),
    ("POST", "/todos", "Create a todo from JSON {title, done}; 201 with Location."),
    ("GET", "/todos/{id}", "One todo."),
    ("PUT", "/todos/{id}", "Replace a todo: title required, a missing done becomes false."),
    ("PATCH", "/todos/{id}", "Change only the fields sent."),
    ("DELETE", "/todos/{id}", "Delete a todo; 204 with no body."),
    ("GET", "/me", "Which API key you sent, its scopes and where it was found (needs a key)."),
    ("GET", "/reports", "List reports (key with the read scope)."),
    ("POST", "/reports", "Create a report from JSON {title} (key with the write scope)."),
    ("GET", "/reports/{id}", "One report (key with the read scope)."),
    ("DELETE", "/reports/{id}", "Delete a report (key with the write scope)."),
    ("GET", "/models", "The model registry."),
    ("GET", "/models/{name}", "A model's metadata: expected features and their types, labels."),
    ("POST", "/models/{name}/predict", "Predict from JSON {features} or a batch {instances}."),
    ("POST", "/models/{name}/classify", "Classify an image sent as multipart part 'image'."),
    ("GET", "/flaky", "Fails with 503 for the first `failures` calls (default 2), then 200."),
    ("GET", "/rate-limited", "Allows `limit` calls, then 429 with Retry-After for `blocked`."),
    ("GET", "/slow", "Answers after `seconds` seconds (default 2, at most 10)."),
    ("POST", "/orders", "Create an order; honours the Idempotency-Key header."),
    ("GET", "/orders", "List orders."),
    ("GET", "/orders/{id}", "One order."),
    ("GET", "/html", "An HTML login page with status 200 instead of JSON."),
    ("GET", "/broken-json", "A 200 whose JSON body is cut off."),
    ("GET", "/empty", "204 No Content: no body."),
    ("GET", "/products", "95 products by page number: page, per_page (default 20, max 100)."),
    ("GET", "/events", "237 events by offset: offset, limit (default 25, max 100)."),
    ("GET", "/logs", "58 log lines by cursor: cursor, limit (default 10, max 50)."),
    ("GET", "/articles", "42 articles, 10 a page; only `page` is read; Link header."),
)


def register(app: Flask) -> None:
    route(app, "/", "index", GET=index)


def index() -> Response:
    return json_response(
        {
            "service": "api.example.com",
            "description": "A fictional API for learning requests. "
            "Every error is JSON with one shape, described in the docs.",
            "docs": DOCS,
            "endpoints": [
                {"method": method, "path": path, "description": description}
                for method, path, description in ENDPOINTS
            ],
        }
    )
