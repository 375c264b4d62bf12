"""JSONPlaceholder's real data (``data/db.json``, see ``data/PROVENANCE.md``), loaded once.

The data is read once per process and never changed: the real service resets its database on
every request (its ``src/app.js``), so a simulated write only builds a new dict for the answer.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "db.json"
RESOURCES = ("posts", "comments", "albums", "photos", "users", "todos")

Item = dict[str, Any]


@lru_cache(maxsize=1)
def database() -> dict[str, list[Item]]:
    """Every resource's list, in the file's order (shared: never mutate it)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def _by_id() -> dict[str, dict[str, Item]]:
    return {name: {str(item["id"]): item for item in rows} for name, rows in database().items()}


def get_by_id(resource: str, raw_id: str) -> Item | None:
    """lodash-id's ``getById``: the item whose ``id`` *as a string* equals ``raw_id``."""
    return _by_id().get(resource, {}).get(raw_id)


def next_id(resource: str) -> int:
    """json-server's ``createId``: the largest id plus one (101 for posts)."""
    return max(item["id"] for item in database()[resource]) + 1


def singular(resource: str) -> str:
    """``pluralize.singular`` for the six resource names: ``posts`` -> ``post``."""
    return resource[:-1] if resource.endswith("s") else resource
