"""``/users``: the CRUD resource of the tutorials, with ``page``/``per_page`` pagination.

Twelve fictional users are seeded on every new app. The list is a plain JSON list, ``page``
by page; a page past the last one is ``[]`` (not an error), as many real APIs answer.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, Response, current_app

from .errors import ApiError
from .support import (
    FictionalClock,
    RecordStore,
    absolute_url,
    json_response,
    no_content,
    route,
    utc,
    with_etag,
)
from .validation import check_fields, check_text, detail, int_arg, raise_if, read_json_object

STATE = "example.users"
FIELDS = ("name", "email")
READ_ONLY = ("id", "created_at")
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
SEED = (
    "Ada Park",
    "Ben Okafor",
    "Chloe Martin",
    "Dev Patel",
    "Elena Rossi",
    "Femi Adeyemi",
    "Grace Liu",
    "Hugo Weber",
    "Ines Silva",
    "Jonas Berg",
    "Keiko Sato",
    "Lena Novak",
)

User = dict[str, Any]


def seed_email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.com"


def register(app: Flask) -> None:
    store = RecordStore(FictionalClock(utc(2025, 1, 20, 10, 0)), _not_found)
    for name in SEED:
        store.add(name=name, email=seed_email(name))
    app.extensions[STATE] = store
    route(app, "/users", "users", GET=list_users, POST=create_user)
    route(
        app,
        "/users/<user_id>",
        "user",
        GET=get_user,
        PUT=replace_user,
        PATCH=patch_user,
        DELETE=delete_user,
    )


def _store() -> RecordStore:
    return current_app.extensions[STATE]


def _not_found(raw_id: str) -> ApiError:
    return ApiError(404, f"No user with id {raw_id}. GET /users lists the users that exist.")


def _parse_id(raw_id: str) -> int:
    if not (raw_id.isascii() and raw_id.isdigit()):
        raise ApiError(404, f"No user with id {raw_id!r}: user ids are whole numbers like 1.")
    return int(raw_id)


def _validated(body: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """The accepted fields of a user body; 422 listing every problem otherwise."""
    details = []
    check_fields(body, FIELDS, details, read_only=READ_ONLY)
    check_text(body, "name", details, max_length=100, required=not partial)
    check_text(body, "email", details, max_length=254, required=not partial)
    email = body.get("email")
    if isinstance(email, str) and email.strip() and not _EMAIL.fullmatch(email):
        details.append(detail("email", "must look like an email address, e.g. ada@example.com"))
    raise_if(details)
    return {name: body[name] for name in FIELDS if name in body}


def list_users() -> Response:
    details = []
    page = int_arg("page", 1, details, minimum=1)
    per_page = int_arg("per_page", DEFAULT_PER_PAGE, details, minimum=1, maximum=MAX_PER_PAGE)
    raise_if(details)
    users = _store().all()
    start = (page - 1) * per_page
    response = json_response(users[start : start + per_page])
    response.headers["X-Total-Count"] = str(len(users))
    return with_etag(response)


def create_user() -> Response:
    fields = _validated(read_json_object(), partial=False)
    user = _store().add(name=fields["name"], email=fields["email"])
    return json_response(user, 201, {"Location": absolute_url(f"/users/{user['id']}")})


def get_user(user_id: str) -> Response:
    return with_etag(json_response(_store().get(_parse_id(user_id))))


def replace_user(user_id: str) -> Response:
    """PUT replaces the whole user: name and email are both required."""
    number = _parse_id(user_id)
    _store().get(number)
    return json_response(_store().update(number, _validated(read_json_object(), partial=False)))


def patch_user(user_id: str) -> Response:
    number = _parse_id(user_id)
    _store().get(number)
    return json_response(_store().update(number, _validated(read_json_object(), partial=True)))


def delete_user(user_id: str) -> Response:
    _store().delete(_parse_id(user_id))
    return no_content()
