"""Routing as JSONPlaceholder does it: json-server 0.16's router over the six resources.

``/{resource}`` (GET, POST), ``/{resource}/{id}`` (GET, PUT, PATCH, DELETE),
``/{parent}/{id}/{resource}`` (GET and POST: ``/posts/1/comments`` is ``/comments?postId=1``),
``/db`` (everything). Anything else is 404 with the body ``{}``. Writes are faked: the answer
looks as if the change happened, and nothing is kept.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request

from . import data, express
from .query import BadPattern, embed_expand, list_resource

NOT_FOUND: dict[str, Any] = {}
HOME_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>JSONPlaceholder - Free Fake REST API</title>\n</head>\n<body>\n"
    "<h1>JSONPlaceholder</h1>\n<p>Free fake and reliable API for testing and prototyping.</p>\n"
    "<p>Resources: /posts /comments /albums /photos /todos /users</p>\n</body>\n</html>\n"
)
# The message Node 14 gives when PUT reads ``resource.id`` of an item that does not exist.
PUT_MISSING = "TypeError: Cannot read property 'id' of undefined"
TOO_DEEP = "RangeError: Maximum call stack size exceeded"


def full_url() -> str:
    """json-server's ``getFullURL``: ``req.protocol`` is http behind the real service's proxy."""
    return f"http://{request.host}{request.full_path.rstrip('?')}"


def handle(path: str) -> Response:
    method = request.method
    if method == "OPTIONS":
        return express.preflight()
    if method == "POST" and "X-HTTP-Method-Override" in request.headers:
        method = request.headers["X-HTTP-Method-Override"].upper()  # method-override
    if method == "HEAD":
        method = "GET"
    if path == "" and method == "GET":
        return express.send(HOME_PAGE.encode(), express.HTML_TYPE)
    try:
        return _route(method, path.split("/"))
    except express.BadJson as error:
        return express.server_error(f"SyntaxError: {error}")
    except express.TooDeep:
        return express.server_error(TOO_DEEP)
    except BadPattern as error:
        return express.server_error(str(error))


def _route(method: str, parts: list[str]) -> Response:
    if parts and parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]  # Express is not strict about a trailing slash
    resource = parts[0].lower() if parts else ""
    if len(parts) == 1 and resource == "db" and method == "GET":
        return express.jsonp(data.database())
    if resource not in data.RESOURCES:
        return express.jsonp(NOT_FOUND, 404)
    if len(parts) == 3 and method in ("GET", "POST"):
        nested = parts[2].lower()
        if nested in data.RESOURCES:
            key = f"{data.singular(resource)}Id"
            return _nested(method, nested, key, parts[1])
        return express.jsonp(NOT_FOUND, 404)
    if len(parts) == 1:
        if method == "GET":
            return _list(resource, [])
        if method == "POST":
            return _create(resource, express.spread(express.read_body()))
    if len(parts) == 2:
        views = {"GET": _show, "PUT": _update, "PATCH": _update, "DELETE": _destroy}
        if method in views:
            return views[method](resource, parts[1], method)
    return express.jsonp(NOT_FOUND, 404)


def _query() -> list[tuple[str, list[str]]]:
    return list(request.args.lists())


def _list(resource: str, extra: list[tuple[str, list[str]]]) -> Response:
    express.read_body()  # body-parser reads (and may refuse) a body on every method
    query = [(k, v) for k, v in _query() if k not in dict(extra)] + extra
    listing = list_resource(resource, query, full_url())
    return express.jsonp(listing.items, headers=listing.headers)


def _nested(method: str, resource: str, key: str, parent_id: str) -> Response:
    if method == "GET":
        return _list(resource, [(key, [parent_id])])
    body = express.spread(express.read_body())
    body[key] = parent_id  # a string, as json-server sets it from the URL
    return _create(resource, body)


def _create(resource: str, body: dict[str, Any]) -> Response:
    item = express.js_object({**body, "id": data.next_id(resource)})
    headers = {
        "Access-Control-Expose-Headers": "Location",
        "Location": f"{full_url()}/{item['id']}",
    }
    return express.jsonp(item, 201, headers)


def _show(resource: str, raw_id: str, _method: str) -> Response:
    express.read_body()
    item = data.get_by_id(resource, raw_id)
    if item is None:
        return express.jsonp(NOT_FOUND, 404)
    embeds = request.args.getlist("_embed")
    expands = request.args.getlist("_expand")
    return express.jsonp(embed_expand(resource, item, embeds, expands))


def _update(resource: str, raw_id: str, method: str) -> Response:
    body = express.spread(express.read_body())
    item = data.get_by_id(resource, raw_id)
    if method == "PATCH":
        return express.jsonp(express.js_object({**(item or {}), **body}))
    if item is None:
        return express.server_error(PUT_MISSING)
    return express.jsonp(express.js_object({**body, "id": item["id"]}))


def _destroy(resource: str, raw_id: str, _method: str) -> Response:
    express.read_body()
    return express.jsonp({})
