"""What Express 4.17 and body-parser 1.19 (under json-server 0.16) do to every answer.

* ``res.jsonp``: JSON indented by 2 spaces, ``application/json; charset=utf-8``, or JSONP
  with ``?callback=``; a weak ETag ``W/"<length hex>-<sha1 base64[:27]>"`` and 304 when
  ``If-None-Match`` matches on GET or HEAD;
* the headers seen on the real service (``X-Powered-By: Express``, CORS, cache headers);
* the request body as body-parser reads it: JSON (objects and arrays only) or a form; any other
  body is ``{}``;
* JavaScript's object key order and number formatting, so an echoed body looks the same.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from flask import Response, request

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
STATIC_HEADERS = (
    ("X-Powered-By", "Express"),
    ("X-Ratelimit-Limit", "1000"),
    ("X-Ratelimit-Remaining", "999"),
    ("X-Ratelimit-Reset", "1764547200"),
    ("Vary", "Origin, Accept-Encoding"),
    ("Access-Control-Allow-Credentials", "true"),
    ("Cache-Control", "max-age=43200"),
    ("Pragma", "no-cache"),
    ("Expires", "-1"),
    ("X-Content-Type-Options", "nosniff"),
    ("Via", "1.1 vegur"),
)
CORS_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE"
_INDEX_KEY = re.compile(r"0|[1-9][0-9]*")
_CALLBACK_JUNK = re.compile(r"[^\[\]\w$.]")


class TooDeep(Exception):
    """The JSON body nests too deeply for Python to parse (V8 parses it, then cannot print it)."""


class BadJson(Exception):
    """body-parser refused the body; ``message`` is the JavaScript SyntaxError's message."""


# --- JavaScript values -------------------------------------------------------------------------


def js_object(value: Any) -> Any:
    """A decoded JSON value as JavaScript would hold it: integer-like keys first, in numeric
    order (then the others as written), and whole floats as integers (``1.0`` prints ``1``)."""
    if isinstance(value, dict):
        index_keys = sorted((k for k in value if _is_index(k)), key=int)
        others = [k for k in value if not _is_index(k)]
        return {k: js_object(value[k]) for k in (*index_keys, *others)}
    if isinstance(value, list):
        return [js_object(item) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def _is_index(key: str) -> bool:
    return bool(_INDEX_KEY.fullmatch(key)) and int(key) < 2**32 - 1


def spread(value: Any) -> dict[str, Any]:
    """``{...value}``: an array spreads into index keys, a non-object into nothing."""
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return {str(i): item for i, item in enumerate(value)}
    return {}


def js_string(value: Any) -> str | None:
    """``value.toString()`` for a JSON value; None for null (which json-server skips)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict,)):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join("" if v is None else (js_string(v) or "") for v in value)
    return str(value)


def parse_int(raw: Any) -> int | None:
    """JavaScript's ``parseInt(raw, 10)``: the leading integer, or None for NaN."""
    match = re.match(r"\s*([+-]?[0-9]+)", raw if isinstance(raw, str) else "")
    return int(match.group(1)) if match else None


# --- request body ------------------------------------------------------------------------------


def read_body() -> Any:
    """``req.body`` as body-parser leaves it. Raises :class:`BadJson` or :class:`TooDeep`."""
    raw = request.get_data(cache=True)
    mimetype = request.mimetype
    if mimetype == "application/json":
        return _parse_json(raw.decode("utf-8", errors="replace"))
    if mimetype == "application/x-www-form-urlencoded":
        return {key: values[0] if len(values) == 1 else values for key, values in _form()}
    return {}


def _form() -> list[tuple[str, list[str]]]:
    return list(request.form.lists())


def _parse_json(text: str) -> Any:
    stripped = text.lstrip(" \t\n\r")
    if not stripped:
        return {}
    if stripped[0] not in "{[":
        position = len(text) - len(stripped)
        raise BadJson(f"Unexpected token {stripped[0]} in JSON at position {position}")
    try:
        return js_object(json.loads(text))
    except RecursionError as error:
        raise TooDeep() from error
    except json.JSONDecodeError as error:
        raise BadJson(_v8_message(text, error.pos)) from error


def _v8_message(text: str, position: int) -> str:
    """The message V8 (Node 14) gives for a JSON syntax error at ``position``."""
    if position >= len(text.rstrip()):
        return "Unexpected end of JSON input"
    char = text[position]
    if char.isdigit() or char == "-":
        return f"Unexpected number in JSON at position {position}"
    if char == '"':
        return f"Unexpected string in JSON at position {position}"
    return f"Unexpected token {char} in JSON at position {position}"


# --- responses ---------------------------------------------------------------------------------


def base_headers(response: Response) -> Response:
    for name, value in STATIC_HEADERS:
        response.headers[name] = value
    origin = request.headers.get("Origin")
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def weak_etag(body: bytes) -> str:
    digest = base64.b64encode(hashlib.sha1(body).digest()).decode("ascii")[:27]
    return f'W/"{len(body):x}-{digest}"'


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def send(
    body: bytes, content_type: str, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Express's ``res.send``: ETag on every answer, 304 when fresh (GET and HEAD only)."""
    etag = weak_etag(body)
    response = base_headers(Response(body, status=status, content_type=content_type))
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.headers["ETag"] = etag
    fresh = request.method in ("GET", "HEAD") and (200 <= status < 300 or status == 304)
    if fresh and _matches(request.headers.get("If-None-Match"), etag):
        response.status_code = 304
        response.set_data(b"")
        for name in ("Content-Type", "Content-Length"):
            response.headers.pop(name, None)
    return response


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in tags)


def jsonp(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``res.jsonp(data)``: JSON, or a JavaScript call when ``?callback=`` names a function."""
    text = dumps(data)
    callback = request.args.get("callback")
    if callback:
        name = _CALLBACK_JUNK.sub("", callback)
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        script = f"/**/ typeof {name} === 'function' && {name}({text});"
        extra = {"X-Content-Type-Options": "nosniff", **(headers or {})}
        return send(script.encode(), "text/javascript; charset=utf-8", status, extra)
    return send(text.encode("utf-8"), JSON_TYPE, status, headers)


def server_error(text: str) -> Response:
    """json-server's error handler: ``res.status(500).send(err.stack)``, as HTML."""
    return send(text.encode("utf-8"), HTML_TYPE, 500)


def preflight() -> Response:
    """The ``cors`` package's answer to an OPTIONS preflight: 204, no body."""
    response = base_headers(Response(status=204))
    response.headers.pop("Content-Type", None)
    response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
    asked = request.headers.get("Access-Control-Request-Headers")
    if asked:
        response.headers["Access-Control-Allow-Headers"] = asked
        response.headers["Vary"] = "Origin, Access-Control-Request-Headers"
    response.headers["Content-Length"] = "0"
    return response
