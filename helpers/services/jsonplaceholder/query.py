"""``GET /{resource}`` as json-server 0.16's ``plural.js`` answers it.

Query parameters: any field (or ``a.b`` path) filters, compared as strings, repeated keys
meaning "any of"; ``_gte``, ``_lte``, ``_ne``, ``_like`` suffixes; ``q`` full-text search;
``_sort`` and ``_order`` (comma lists); ``_start``/``_end``, ``_limit`` and ``_page`` slices
(with ``X-Total-Count`` and, for ``_page``, a ``Link`` header); ``_embed`` and ``_expand``.
A parameter that names no field of the resource is ignored, as json-server does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import data
from .express import js_string, parse_int

CONTROL = ("q", "_start", "_end", "_sort", "_order", "_limit", "_embed", "_expand")
OPERATOR = re.compile(r"(_lte|_gte|_ne|_like)$")
Item = dict[str, Any]
Query = list[tuple[str, list[str]]]


class BadPattern(Exception):
    """A ``_like`` value that is not a valid regular expression (a 500 on the real service)."""


@dataclass
class Listing:
    items: list[Item]
    headers: dict[str, str] = field(default_factory=dict)


def lookup(item: Item, path: str) -> Any:
    """lodash ``_.get(item, "address.city")``."""
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def has_path(item: Item, path: str) -> bool:
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def list_resource(name: str, query: Query, full_url: str) -> Listing:
    """The items and headers json-server answers for ``GET /name?...``."""
    params = {key: values for key, values in query}
    control = {key: params.pop(key) for key in CONTROL if key in params}
    params.pop("_delay", None)
    rows = data.database()[name]
    filters = {
        key: values
        for key, values in params.items()
        if key in ("callback", "_") or OPERATOR.search(key) or any(has_path(r, key) for r in rows)
    }
    chain = list(rows)
    q = _first(control, "q")
    if q:
        needle = q.lower()
        chain = [row for row in chain if any(_deep_query(v, needle) for v in row.values())]
    for key, values in filters.items():
        if key not in ("callback", "_"):
            chain = [row for row in chain if _keep(row, key, values)]
    sort = _first(control, "_sort")
    if sort:
        chain = _sorted(chain, sort.split(","), (_first(control, "_order") or "").split(","))
    listing = _sliced(chain, control, params, full_url)
    embeds = control.get("_embed", [])
    expands = control.get("_expand", [])
    if embeds or expands:
        listing.items = [embed_expand(name, item, embeds, expands) for item in listing.items]
    return listing


def _deep_query(value: Any, needle: str) -> bool:
    if not value:
        return False
    if isinstance(value, list):
        return any(_deep_query(v, needle) for v in value)
    if isinstance(value, dict):
        return any(_deep_query(v, needle) for v in value.values())
    return needle in (js_string(value) or "").lower()


def _keep(row: Item, key: str, values: list[str]) -> bool:
    operator = OPERATOR.search(key)
    kind = operator.group(1) if operator else ""
    element = lookup(row, key[: -len(kind)] if kind else key)
    results = [_test(element, value, kind) for value in values]
    return all(results) if kind == "_ne" else any(results)


def _test(element: Any, value: str, kind: str) -> bool:
    if element is None:
        return False
    text = js_string(element) or ""
    if kind in ("_gte", "_lte"):
        left, right = (value, element) if kind == "_gte" else (element, value)
        return _js_less_or_equal(left, right)
    if kind == "_ne":
        return value != text
    if kind == "_like":
        try:
            return re.search(value, text, re.IGNORECASE) is not None
        except re.error as error:
            message = f"SyntaxError: Invalid regular expression: /{value}/: {error}"
            raise BadPattern(message) from error
    return value == text


def _js_less_or_equal(left: Any, right: Any) -> bool:
    """JavaScript's ``left <= right`` between a query string and a field value."""
    if isinstance(left, str) and isinstance(right, str):
        return left <= right
    numbers = []
    for side in (left, right):
        try:
            numbers.append(float(side) if not isinstance(side, str) or side.strip() else 0.0)
        except (TypeError, ValueError):
            return False
    return numbers[0] <= numbers[1]


def _sorted(rows: list[Item], fields: list[str], orders: list[str]) -> list[Item]:
    """lodash ``orderBy``: stable, several fields, ``desc`` or ascending, missing values last."""
    for index in reversed(range(len(fields))):
        path = fields[index]
        descending = index < len(orders) and orders[index].lower() == "desc"
        present = [row for row in rows if lookup(row, path) is not None]
        missing = [row for row in rows if lookup(row, path) is None]
        present.sort(key=lambda row: _sort_key(lookup(row, path)), reverse=descending)
        rows = present + missing
    return rows


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, js_string(value))


def _sliced(
    chain: list[Item], control: dict[str, list[str]], params: dict, full_url: str
) -> Listing:
    end, limit = _first(control, "_end"), _first(control, "_limit")
    page = _first(params, "_page")
    headers = {}
    if end or limit or page:
        headers["X-Total-Count"] = str(len(chain))
        headers["Access-Control-Expose-Headers"] = "X-Total-Count" + (", Link" if page else "")
    start = parse_int(_first(control, "_start")) or 0
    if page:
        number = max(parse_int(page) or 1, 1)
        size = parse_int(limit) or 10
        items, links = _page(chain, number, size, full_url)
        headers["Link"] = links
        return Listing(items, headers)
    if end:
        stop = parse_int(end)
        return Listing(chain[start:stop] if stop is not None else [], headers)
    if limit:
        size = parse_int(limit)
        return Listing(chain[start : start + size] if size is not None else [], headers)
    return Listing(chain, headers)


def _page(chain: list[Item], page: int, size: int, full_url: str) -> tuple[list[Item], str]:
    """json-server's ``getPage`` and Express's ``res.links``: first, prev, next, last."""
    start, end = (page - 1) * size, page * size
    items = chain[start:end]
    links: dict[str, int] = {}
    if items:
        if len(items) != len(chain):
            links["first"] = 1
        if page > 1:
            links["prev"] = page - 1
        if end < len(chain):
            links["next"] = page + 1
        if len(items) != len(chain):
            links["last"] = math.ceil(len(chain) / size)
    current = f"page={page}"
    parts = [
        f'<{full_url.replace(current, f"page={number}", 1)}>; rel="{rel}"'
        for rel, number in links.items()
    ]
    return items, ", ".join(parts)


def embed_expand(name: str, item: Item, embeds: list[str], expands: list[str]) -> Item:
    """``_embed=comments`` adds the children; ``_expand=user`` adds the parent."""
    item = dict(item)
    database = data.database()
    for child in embeds:
        key = f"{data.singular(name)}Id"
        item[child] = [row for row in database.get(child, []) if row.get(key) == item.get("id")]
    for parent in expands:
        plural = parent if parent.endswith("s") else parent + "s"
        if plural in database:
            found = data.get_by_id(plural, js_string(item.get(f"{parent}Id")) or "")
            if found is not None:
                item[parent] = found
    return item
