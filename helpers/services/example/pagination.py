"""Four pagination styles over fictional datasets, including one trap.

* ``/products``: page number (``page``, ``per_page``), with ``total`` and ``total_pages``;
* ``/events``: offset and limit, with ``total``;
* ``/logs``: an opaque cursor; ``next_cursor`` is null on the last page;
* ``/articles``: page number with a ``Link`` header, and the trap: every paging parameter other
  than ``page`` is ignored, so ``pageNumber=2`` returns page 1 forever;
* ``/items``: ``{"count", "next", "previous", "results"}`` with absolute ``next``/``previous``
  URLs (null at the ends), the style of Django REST framework and many tutorials.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from urllib.parse import urlencode

from flask import Flask, Response, request

from . import datasets
from .errors import ApiError
from .support import absolute_url, json_response, route, with_etag
from .validation import detail, int_arg, raise_if

MAX_PAGE_SIZE = 100
MAX_LOG_PAGE = 50
ITEMS_PAGE_SIZE = 10
MAX_ITEMS_PAGE = 50
ARTICLES_PER_PAGE = 10
_CURSOR = re.compile(r"logs:([0-9]+)")


def register(app: Flask) -> None:
    route(app, "/products", "products", GET=list_products)
    route(app, "/events", "events", GET=list_events)
    route(app, "/logs", "logs", GET=list_logs)
    route(app, "/articles", "articles", GET=list_articles)
    route(app, "/items", "items", GET=list_items)


def list_products() -> Response:
    details = []
    page = int_arg("page", 1, details, minimum=1)
    per_page = int_arg("per_page", 20, details, minimum=1, maximum=MAX_PAGE_SIZE)
    category = request.args.get("category")
    if category is not None and category not in datasets.CATEGORIES:
        details.append(detail("category", f"must be one of {', '.join(datasets.CATEGORIES)}"))
    raise_if(details)
    rows = [row for row in datasets.products() if category in (None, row["category"])]
    start = (page - 1) * per_page
    body = {
        "items": rows[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(rows),
        "total_pages": math.ceil(len(rows) / per_page),
    }
    return with_etag(json_response(body))


def list_events() -> Response:
    details = []
    offset = int_arg("offset", 0, details, minimum=0)
    limit = int_arg("limit", 25, details, minimum=1, maximum=MAX_PAGE_SIZE)
    raise_if(details)
    rows = datasets.events()
    body = {"items": rows[offset : offset + limit], "offset": offset, "limit": limit}
    body["total"] = len(rows)
    return with_etag(json_response(body))


# --- cursor ------------------------------------------------------------------------------------


def encode_cursor(position: int) -> str:
    """An opaque cursor: URL-safe base64 of the position, without padding."""
    return base64.urlsafe_b64encode(f"logs:{position}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The position a cursor points to; 400 if this service could not have issued it."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        text = ""
    match = _CURSOR.fullmatch(text)
    if match is None or not 0 < int(match.group(1)) < datasets.LOG_COUNT:
        raise ApiError(
            400,
            f"The cursor {cursor!r} is not valid. Pass back the next_cursor of the previous "
            "page unchanged, or leave cursor out to start from the first page.",
        )
    return int(match.group(1))


def list_logs() -> Response:
    details = []
    limit = int_arg("limit", 10, details, minimum=1, maximum=MAX_LOG_PAGE)
    raise_if(details)
    cursor = request.args.get("cursor")
    start = decode_cursor(cursor) if cursor else 0
    rows = datasets.logs()
    end = start + limit
    next_cursor = encode_cursor(end) if end < len(rows) else None
    return with_etag(json_response({"items": rows[start:end], "next_cursor": next_cursor}))


# --- Link header, and the trap -----------------------------------------------------------------


def _page_url(page: int) -> str:
    """This request's URL with ``page`` set; other parameters are kept, as GitHub does."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return absolute_url(f"{request.path}?{urlencode(args, doseq=True)}")


def link_header(page: int, last: int) -> str:
    links = []
    if page > 1:
        links.append((min(page - 1, last), "prev"))
    if page < last:
        links.extend([(page + 1, "next"), (last, "last")])
    if page > 1:
        links.append((1, "first"))
    return ", ".join(f'<{_page_url(number)}>; rel="{rel}"' for number, rel in links)


def list_articles() -> Response:
    """A JSON list, ten per page. Only ``page`` is read: ``per_page``, ``pageNumber``... are not."""
    details = []
    page = int_arg("page", 1, details, minimum=1)
    raise_if(details)
    rows = datasets.articles()
    last = math.ceil(len(rows) / ARTICLES_PER_PAGE)
    start = (page - 1) * ARTICLES_PER_PAGE
    response = json_response(rows[start : start + ARTICLES_PER_PAGE])
    links = link_header(page, last)
    if links:
        response.headers["Link"] = links
    return with_etag(response)


# --- {"results": [...], "next": url-or-null} ---------------------------------------------------


def list_items() -> Response:
    """One page of items and the absolute URL of the next one; ``next`` is null on the last."""
    details = []
    page = int_arg("page", 1, details, minimum=1)
    size = int_arg("page_size", ITEMS_PAGE_SIZE, details, minimum=1, maximum=MAX_ITEMS_PAGE)
    raise_if(details)
    rows = datasets.items()
    start = (page - 1) * size
    has_next = start + size < len(rows)
    body = {
        "count": len(rows),
        "next": _page_url(page + 1) if has_next else None,
        "previous": _page_url(page - 1) if 1 < page <= math.ceil(len(rows) / size) else None,
        "results": rows[start : start + size],
    }
    return with_etag(json_response(body))
