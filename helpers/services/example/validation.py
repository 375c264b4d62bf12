"""Reading and checking what clients send: JSON bodies, query numbers, field types.

Checks collect problems as ``{"field": ..., "problem": ...}`` details, so one 422 answer lists
everything that is wrong at once instead of one problem per attempt.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from flask import request

from .errors import ApiError, Detail

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def detail(field: str, problem: str) -> Detail:
    return {"field": field, "problem": problem}


def raise_if(details: list[Detail], message: str | None = None) -> None:
    """Raise a 422 ``validation_failed`` listing ``details``, if there are any."""
    if details:
        count = "1 problem" if len(details) == 1 else f"{len(details)} problems"
        text = message or f"The request has {count}; see details."
        raise ApiError(422, text, details=details)


def json_type(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


# --- JSON bodies -------------------------------------------------------------------------------


def read_json_object() -> dict[str, Any]:
    """The request body as a JSON object; 415, 400 or 422 with a helpful message otherwise."""
    body = read_json_body()
    if not isinstance(body, dict):
        raise_if([detail("body", f"must be a JSON object {{...}}, got {json_type(body)}")])
    return body


def read_json_body() -> Any:
    """The decoded JSON body: 415 if it is not sent as JSON, 400 if it does not parse."""
    if not request.is_json:
        raise ApiError(415, _not_json_message())
    raw = request.get_data()
    if not raw.strip():
        raise ApiError(
            400,
            "The body is empty although Content-Type says JSON. Pass the data with json=.",
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ApiError(
            400,
            f"The body is not valid JSON ({error}). "
            "Let requests encode it: pass a dict with json= instead of writing the string.",
        ) from error


def _not_json_message() -> str:
    mimetype = request.mimetype
    has_body = bool(request.get_data(cache=True))
    ask = "This endpoint expects a JSON body: pass a dict with json= (requests then sets "
    ask += "Content-Type: application/json)."
    if not mimetype and not has_body:
        return "The request has no body. " + ask
    if not mimetype:
        return (
            "The body has no Content-Type header, so it is not read as JSON; this is what "
            "data=json.dumps(...) sends. " + ask
        )
    if mimetype == "application/x-www-form-urlencoded":
        return "The body is form data (what data={...} sends). " + ask
    if mimetype == "multipart/form-data":
        return "The body is multipart/form-data (what files= sends). " + ask
    return f"The body has Content-Type {mimetype!r}. " + ask


def check_fields(
    body: dict[str, Any],
    allowed: Iterable[str],
    details: list[Detail],
    read_only: Iterable[str] = (),
) -> None:
    """Add a detail for each key of ``body`` that is read-only or unknown."""
    allowed = tuple(allowed)
    read_only = tuple(read_only)
    for name in body:
        if name in read_only:
            details.append(detail(name, "is read-only: the server sets it"))
        elif name not in allowed:
            details.append(detail(name, f"unknown field; allowed fields: {', '.join(allowed)}"))


def check_text(
    body: dict[str, Any],
    name: str,
    details: list[Detail],
    *,
    max_length: int,
    required: bool = True,
) -> None:
    """Check that ``body[name]`` is a non-blank string of at most ``max_length`` characters."""
    if name not in body:
        if required:
            details.append(detail(name, "is required"))
        return
    value = body[name]
    if not isinstance(value, str):
        details.append(detail(name, f"must be a string, got {json_type(value)}"))
    elif not value.strip():
        details.append(detail(name, "must not be empty or blank"))
    elif len(value) > max_length:
        details.append(detail(name, f"must be at most {max_length} characters, got {len(value)}"))


def check_bool(body: dict[str, Any], name: str, details: list[Detail]) -> None:
    if name in body and not isinstance(body[name], bool):
        value = body[name]
        details.append(detail(name, f"must be true or false, got {json_type(value)} {value!r}"))


def check_number(
    value: Any,
    field: str,
    details: list[Detail],
    *,
    integer: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
) -> bool:
    """Check one JSON number (booleans and numeric strings are refused). True when valid."""
    kind = "an integer" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = f" {value!r}" if isinstance(value, (str, bool)) else ""
        details.append(detail(field, f"must be {kind}, got {json_type(value)}{shown}"))
        return False
    if not math.isfinite(value) or (integer and value != int(value)):
        details.append(detail(field, f"must be {kind}, got {value!r}"))
        return False
    if minimum is not None and value < minimum:
        details.append(detail(field, f"must be >= {minimum}, got {value!r}"))
        return False
    if maximum is not None and value > maximum:
        details.append(detail(field, f"must be <= {maximum}, got {value!r}"))
        return False
    return True


# --- query parameters --------------------------------------------------------------------------


def int_arg(
    name: str,
    default: int,
    details: list[Detail],
    *,
    minimum: int,
    maximum: int | None = None,
) -> int:
    """An integer query parameter between ``minimum`` and ``maximum`` (inclusive)."""
    raw = request.args.get(name)
    if raw is None:
        return default
    limits = f">= {minimum}" if maximum is None else f"between {minimum} and {maximum}"
    value = int(raw) if _INTEGER.fullmatch(raw) else None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        details.append(detail(name, f"must be an integer {limits}, got {raw!r}"))
        return default
    return value


def number_arg(name: str, default: float, details: list[Detail], *, maximum: float) -> float:
    """A non-negative decimal query parameter, at most ``maximum``."""
    raw = request.args.get(name)
    if raw is None:
        return default
    value = float(raw) if _NUMBER.fullmatch(raw) else None
    if value is None or not 0 <= value <= maximum:
        details.append(detail(name, f"must be a number between 0 and {maximum:g}, got {raw!r}"))
        return default
    return value


def text_arg(name: str, default: str, details: list[Detail], *, max_length: int = 100) -> str:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw or len(raw) > max_length:
        details.append(detail(name, f"must be 1 to {max_length} characters, got {len(raw)}"))
        return default
    return raw
