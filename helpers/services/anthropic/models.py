"""The models the simulated API serves, from ``data/models.json`` (a dated snapshot), and the
Models API: ``GET /v1/models`` (newest first, cursor pagination) and ``GET /v1/models/{id}``.

Each model has a canonical id (what ``GET /v1/models`` lists) and may have aliases
(``claude-haiku-4-5`` -> ``claude-haiku-4-5-20251001``); both are accepted everywhere and a
Messages reply echoes the id that was sent. Retired and unknown ids get 404 not_found_error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .errors import ApiError

DATA_FILE = Path(__file__).parent / "data" / "models.json"
DEFAULT_LIMIT = 20
MAX_LIMIT = 1000


@dataclass(frozen=True)
class ModelInfo:
    """One served model and the request rules that differ between models."""

    id: str
    aliases: tuple[str, ...]
    display_name: str
    created_at: str
    max_tokens: int
    max_input_tokens: int
    sampling_parameters_removed: bool  # temperature/top_p/top_k other than the default -> 400
    prefill_supported: bool  # a final assistant message continues the reply, or -> 400

    def as_json(self) -> dict:
        """The object the Models API returns (the core fields every API version has)."""
        return {
            "type": "model",
            "id": self.id,
            "display_name": self.display_name,
            "created_at": self.created_at,
        }


def _load() -> tuple[dict, tuple[ModelInfo, ...]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    models = tuple(
        ModelInfo(
            id=entry["id"],
            aliases=tuple(entry["aliases"]),
            display_name=entry["display_name"],
            created_at=entry["created_at"],
            max_tokens=entry["max_tokens"],
            max_input_tokens=entry["max_input_tokens"],
            sampling_parameters_removed=entry["sampling_parameters_removed"],
            prefill_supported=entry["prefill_supported"],
        )
        for entry in data["models"]
    )
    newest_first = tuple(sorted(models, key=lambda m: (m.created_at, m.id), reverse=True))
    return data, newest_first


_DATA, SERVED = _load()
SNAPSHOT_DATE: str = _DATA["snapshot_date"]
RETIRED = MappingProxyType(dict(_DATA["retired"]["ids"]))
BY_ID = MappingProxyType({m.id: m for m in SERVED})
# Requested id -> canonical id. Aliases point at the dated snapshot they name today.
MODELS = MappingProxyType({name: m.id for m in SERVED for name in (m.id, *m.aliases)})


def resolve(model: str) -> ModelInfo:
    """The served model ``model`` names (an id or an alias), or 404 as the real API answers."""
    if model not in MODELS:
        raise ApiError(404, f"model: {model}")
    return BY_ID[MODELS[model]]


# ---------------------------------------------------------------- the Models API


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise ApiError(
            400, "limit: Input should be a valid integer, unable to parse string as an integer"
        ) from None
    if limit < 1:
        raise ApiError(400, "limit: Input should be greater than or equal to 1")
    if limit > MAX_LIMIT:
        raise ApiError(400, f"limit: Input should be less than or equal to {MAX_LIMIT}")
    return limit


def _position(name: str, model_id: str) -> int:
    ids = [m.id for m in SERVED]
    canonical = MODELS.get(model_id, model_id)
    if canonical not in ids:
        raise ApiError(400, f"{name}: invalid model id {model_id!r}")
    return ids.index(canonical)


def list_page(args: dict[str, str]) -> dict:
    """One page of ``GET /v1/models``: ``limit`` (1-1000, default 20), then either
    ``after_id`` (the page after that model) or ``before_id`` (the page just before it)."""
    limit = _limit(args.get("limit"))
    after_id, before_id = args.get("after_id"), args.get("before_id")
    if after_id is not None and before_id is not None:
        raise ApiError(400, "after_id and before_id cannot both be specified")
    if before_id is not None:
        end = _position("before_id", before_id)
        start = max(0, end - limit)
        page, has_more = SERVED[start:end], start > 0
    else:
        start = _position("after_id", after_id) + 1 if after_id is not None else 0
        page = SERVED[start : start + limit]
        has_more = start + limit < len(SERVED)
    return {
        "data": [m.as_json() for m in page],
        "has_more": has_more,
        "first_id": page[0].id if page else None,
        "last_id": page[-1].id if page else None,
    }


def model_object(model_id: str) -> dict:
    """``GET /v1/models/{model_id}``: aliases resolve to the model they name."""
    return resolve(model_id).as_json()
