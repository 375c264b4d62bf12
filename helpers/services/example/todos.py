"""Todos: a small stateful CRUD resource (no auth). Seeded with ids 1-3 on every new app."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request

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
from .validation import check_bool, check_fields, check_text, detail, raise_if, read_json_object

STATE = "example.todos"
TITLE_MAX = 200
FIELDS = ("title", "done")
READ_ONLY = ("id", "created_at")
SEED = (
    ("Read the requests quickstart", True),
    ("Set a timeout on every call", False),
    ("Keep the API key out of the notebook", False),
)

Todo = dict[str, Any]


def register(app: Flask) -> None:
    store = RecordStore(FictionalClock(utc(2025, 1, 6, 9, 0)), _not_found)
    for title, done in SEED:
        store.add(title=title, done=done)
    app.extensions[STATE] = store
    route(app, "/todos", "todos", GET=list_todos, POST=create_todo)
    route(app, "/todos/count", "todo_count", GET=count_todos)
    route(
        app,
        "/todos/<todo_id>",
        "todo",
        GET=get_todo,
        PUT=replace_todo,
        PATCH=patch_todo,
        DELETE=delete_todo,
    )


def _store() -> RecordStore:
    return current_app.extensions[STATE]


def _not_found(raw_id: str) -> ApiError:
    return ApiError(404, f"No todo with id {raw_id}. GET /todos lists the todos that exist.")


def _parse_id(raw_id: str) -> int:
    if not (raw_id.isascii() and raw_id.isdigit()):
        raise ApiError(404, f"No todo with id {raw_id!r}: todo ids are whole numbers like 1.")
    return int(raw_id)


def _validated(body: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """The accepted fields of a todo body; 422 listing every problem otherwise."""
    details = []
    check_fields(body, FIELDS, details, read_only=READ_ONLY)
    check_text(body, "title", details, max_length=TITLE_MAX, required=not partial)
    check_bool(body, "done", details)
    raise_if(details)
    return {name: body[name] for name in FIELDS if name in body}


def _filtered_todos() -> list[Todo]:
    todos = _store().all()
    raw = request.args.get("done")
    if raw is not None:
        wanted = raw.lower()
        if wanted not in ("true", "false"):
            raise_if([detail("done", f"must be true or false, got {raw!r}")])
        todos = [todo for todo in todos if todo["done"] == (wanted == "true")]
    return todos


def list_todos() -> Response:
    return with_etag(json_response(_filtered_todos()))


def count_todos() -> Response:
    """A bare JSON number: the whole body is ``3``, a valid JSON text that is not an object."""
    return json_response(len(_filtered_todos()))


def create_todo() -> Response:
    fields = _validated(read_json_object(), partial=False)
    todo = _store().add(title=fields["title"], done=fields.get("done", False))
    location = absolute_url(f"/todos/{todo['id']}")
    return json_response(todo, 201, {"Location": location})


def get_todo(todo_id: str) -> Response:
    return with_etag(json_response(_store().get(_parse_id(todo_id))))


def replace_todo(todo_id: str) -> Response:
    """PUT replaces the whole todo: a missing ``done`` goes back to false."""
    number = _parse_id(todo_id)
    _store().get(number)
    fields = _validated(read_json_object(), partial=False)
    changes = {"title": fields["title"], "done": fields.get("done", False)}
    return json_response(_store().update(number, changes))


def patch_todo(todo_id: str) -> Response:
    """PATCH changes only the fields sent."""
    number = _parse_id(todo_id)
    _store().get(number)
    changes = _validated(read_json_object(), partial=True)
    return json_response(_store().update(number, changes))


def delete_todo(todo_id: str) -> Response:
    _store().delete(_parse_id(todo_id))
    return no_content()
