"""``page``/``per_page`` and GitHub's ``Link`` header.

Defaults as on GitHub: ``per_page`` 30, at most 100; ``page`` from 1; past the last page a list
is ``[]``. The ``Link`` header appears only when there is more than one page: page 1 has
``next`` and ``last``; middle pages ``prev``, ``next``, ``last``, ``first``; the last page
``prev`` and ``first``. Its URLs keep the other query parameters as sent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from flask import Response, request

from .errors import json_response, pagination_limited

DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 100


def int_arg(name: str, default: int) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        return default


def paging() -> tuple[int, int]:
    """``(page, per_page)`` from the query, with GitHub's defaults and its 100 cap."""
    per_page = int_arg("per_page", DEFAULT_PER_PAGE)
    per_page = DEFAULT_PER_PAGE if per_page < 1 else min(per_page, MAX_PER_PAGE)
    return max(1, int_arg("page", 1)), per_page


def link_header(base_url: str, page: int, last: int) -> str | None:
    """RFC 8288 ``Link`` value like GitHub's; ``None`` when everything fits on one page."""
    if last <= 1:
        return None
    kept = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]

    def url(number: int) -> str:
        return f"{base_url}?{urlencode([*kept, ('page', number)])}"

    links = []
    if page > 1:
        links.append((min(page - 1, last), "prev"))
    if page < last:
        links += [(page + 1, "next"), (last, "last")]
    if page > 1:
        links.append((1, "first"))
    return ", ".join(f'<{url(number)}>; rel="{rel}"' for number, rel in links)


def set_link(response: Response, base_url: str, page: int, last: int) -> None:
    value = link_header(base_url, page, last)
    if value:
        response.headers["Link"] = value


def paginate(
    items: Sequence[Any],
    base_url: str,
    shape: Callable[[Any], Any] = lambda item: item,
    total: int | None = None,
    item_at: Callable[[int], Any] | None = None,
    max_items: int | None = None,
) -> Response:
    """One page as a JSON list, with a ``Link`` header when needed.

    ``total``/``item_at`` serve a long list computed on demand; ``max_items`` caps how far a
    client may page (GitHub limits some lists: past the cap -> 422, ``last`` stops there).
    """
    page, per_page = paging()
    count = len(items) if total is None else total
    reachable = count if max_items is None else min(count, max_items)
    start = (page - 1) * per_page
    if max_items is not None and count > max_items and start >= max_items:
        return pagination_limited()
    stop = min(start + per_page, reachable)
    if item_at is None:
        chunk = list(items[start:stop])
    else:
        chunk = [item_at(index) for index in range(start, stop)]
    response = json_response([shape(item) for item in chunk])
    set_link(response, base_url, page, math.ceil(reachable / per_page))
    return response
