"""Answers that break naive client code: an HTML page, malformed JSON, and an empty 204."""

from __future__ import annotations

from flask import Flask, Response

from .support import JSON_MIMETYPE, no_content, route

LOGIN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sign in - Example Corp network</title>
</head>
<body>
  <h1>Sign in to continue</h1>
  <p>This network requires you to sign in before you can reach api.example.com.</p>
  <form method="post" action="/login">
    <label>User name <input name="username"></label>
    <label>Password <input name="password" type="password"></label>
    <button type="submit">Sign in</button>
  </form>
</body>
</html>
"""

# Cut off in the middle of the second item, as when a connection drops or a proxy truncates.
BROKEN_JSON = '{"items": [{"id": 1, "name": "Alpha"}, {"id": 2, "name": "Bet'


def register(app: Flask) -> None:
    route(app, "/html", "html_page", GET=html_page)
    route(app, "/broken-json", "broken_json", GET=broken_json)
    route(app, "/empty", "empty", GET=empty)


def html_page() -> Response:
    """200 with an HTML login page: what a captive portal or SSO proxy sends instead of JSON."""
    return Response(LOGIN_PAGE, status=200, mimetype="text/html")


def broken_json() -> Response:
    """200 that claims to be JSON but is truncated, so ``.json()`` raises."""
    return Response(BROKEN_JSON, status=200, mimetype=JSON_MIMETYPE)


def empty() -> Response:
    """204 No Content: success with no body at all."""
    return no_content()
