"""``GET /``: the machine-readable index of every endpoint of api.example.com."""

from __future__ import annotations

from flask import Flask, Response

from .support import json_response, route

DOCS = "notebooks/reference/example-api.md"

# The registry: (method, path, one-line description). It feeds the index and the reference's
# endpoint table (helpers.services.example.reference); a test checks it matches the app's routes.
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
    ("GET", "/items", "53 items as {count, next, previous, results}: follow next until null."),
    ("GET", "/users", "List users: page, per_page (default 10, max 100); [] past the last page."),
    ("POST", "/users", "Create a user from JSON {name, email}; 201 with Location."),
    ("GET", "/users/{id}", "One user."),
    ("PUT", "/users/{id}", "Replace a user: name and email required."),
    ("PATCH", "/users/{id}", "Change only the fields sent."),
    ("DELETE", "/users/{id}", "Delete a user; 204 with no body, then 404."),
    ("GET", "/model/{id}", "A model card: model_name, version, confidence_score (ids 1-3)."),
    ("GET", "/data", "A small dataset (key with the read scope, as 'Bearer KEY')."),
    ("GET", "/private", "A private page behind HTTP Basic auth (user learner)."),
    ("POST", "/upload", "Upload a file as multipart part 'file': filename, size, sha256."),
    ("POST", "/generate", "Generate text from JSON {prompt} (any key); answers {text}."),
)

# Who may call what, for the reference's table: (method, path) -> auth; absent means none.
AUTH = {
    ("GET", "/me"): "any key",
    ("GET", "/reports"): "read",
    ("GET", "/reports/{id}"): "read",
    ("POST", "/reports"): "write",
    ("DELETE", "/reports/{id}"): "write",
    ("GET", "/data"): "read",
    ("GET", "/private"): "Basic",
    ("POST", "/generate"): "any key",
}


def endpoint_table() -> str:
    """The reference's "Endpoints at a glance" table, in Markdown, made from :data:`ENDPOINTS`."""
    lines = ["| Method | Path | Auth | What it does |", "|---|---|---|---|"]
    for method, path, description in ENDPOINTS:
        auth = AUTH.get((method, path), "")
        cell = description.replace("|", "\\|")
        lines.append(f"| {method} | `{path}` | {auth} | {cell} |")
    return "\n".join(lines) + "\n"


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
