"""Fictional read-only datasets for the pagination endpoints, generated from their index.

Sizes are chosen so that no default page size divides them: the last page is always short.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .support import iso, utc

PRODUCT_COUNT = 95
EVENT_COUNT = 237
LOG_COUNT = 58
ARTICLE_COUNT = 42
ITEM_COUNT = 53

CATEGORIES = ("books", "electronics", "garden", "kitchen", "toys")
_NOUNS = {
    "books": ("Atlas", "Cookbook", "Field Guide", "Novel", "Handbook"),
    "electronics": ("Headphones", "Charger", "Speaker", "Desk Lamp", "Keyboard"),
    "garden": ("Planter", "Hose", "Trowel", "Bird Feeder", "Seed Kit"),
    "kitchen": ("Kettle", "Teapot", "Knife Set", "Blender", "Mug"),
    "toys": ("Kite", "Puzzle", "Robot", "Yo-yo", "Building Set"),
}
_ADJECTIVES = ("Classic", "Compact", "Deluxe", "Eco", "Smart", "Rugged", "Mini", "Vintage", "Cozy")
_EVENT_TYPES = ("page_view", "click", "search", "signup", "purchase")
_LOG_MESSAGES = (
    "GET /todos 200 in 12 ms",
    "POST /todos 201 in 18 ms",
    "GET /products?page=2 200 in 9 ms",
    "cache miss for /models/iris-classifier",
    "GET /flaky 503 in 3 ms",
    "GET /reports 401 in 2 ms",
    "worker heartbeat ok",
)
_TOPICS = ("Timeouts", "Retries", "Pagination", "JSON", "Sessions", "Auth", "Idempotency")
_AUTHORS = ("Ada", "Grace", "Linus", "Guido", "Margaret")


def products() -> list[dict[str, Any]]:
    rows = []
    for i in range(1, PRODUCT_COUNT + 1):
        category = CATEGORIES[(i - 1) % len(CATEGORIES)]
        noun = _NOUNS[category][(i - 1) // len(CATEGORIES) % 5]
        adjective = _ADJECTIVES[(i * 7) % len(_ADJECTIVES)]
        price = round(4.99 + (i * 7919) % 9000 / 100, 2)
        rows.append({"id": i, "name": f"{adjective} {noun}", "category": category, "price": price})
    return rows


def events() -> list[dict[str, Any]]:
    start = utc(2025, 3, 1, 8, 0)
    return [
        {
            "id": i,
            "type": _EVENT_TYPES[(i * 3) % len(_EVENT_TYPES)],
            "user_id": f"u{(i * 31) % 50 + 1:03d}",
            "occurred_at": iso(start + timedelta(minutes=7 * i)),
        }
        for i in range(1, EVENT_COUNT + 1)
    ]


def _log_level(i: int) -> str:
    if i % 11 == 0:
        return "ERROR"
    return "WARNING" if i % 7 == 0 else "INFO"


def logs() -> list[dict[str, Any]]:
    start = utc(2025, 3, 2, 12, 0)
    return [
        {
            "id": i,
            "timestamp": iso(start + timedelta(seconds=13 * i)),
            "level": _log_level(i),
            "message": _LOG_MESSAGES[(i * 5) % len(_LOG_MESSAGES)],
        }
        for i in range(1, LOG_COUNT + 1)
    ]


def articles() -> list[dict[str, Any]]:
    start = utc(2025, 1, 1)
    return [
        {
            "id": i,
            "title": f"{_TOPICS[(i - 1) % len(_TOPICS)]}, part {(i - 1) // len(_TOPICS) + 1}",
            "author": _AUTHORS[(i * 3) % len(_AUTHORS)],
            "published_on": iso(start + timedelta(days=2 * i))[:10],
        }
        for i in range(1, ARTICLE_COUNT + 1)
    ]


def items() -> list[dict[str, Any]]:
    """Items for ``/items``: a product name and its category, reusing the product vocabulary."""
    return [
        {"id": row["id"], "name": row["name"], "category": row["category"]}
        for row in products()[:ITEM_COUNT]
    ]
