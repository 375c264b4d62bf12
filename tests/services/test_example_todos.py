"""api.example.com: the todos CRUD resource (no auth)."""

from __future__ import annotations

import pytest
from example_errors import assert_error, problems

from helpers.services.example import create_app

SEEDED = [
    {
        "id": 1,
        "title": "Read the requests quickstart",
        "done": True,
        "created_at": "2025-01-06T09:00:00Z",
    },
    {
        "id": 2,
        "title": "Set a timeout on every call",
        "done": False,
        "created_at": "2025-01-06T09:01:00Z",
    },
    {
        "id": 3,
        "title": "Keep the API key out of the notebook",
        "done": False,
        "created_at": "2025-01-06T09:02:00Z",
    },
]


@pytest.fixture
def client():
    return create_app().test_client()


def test_list_is_a_json_list_of_the_seeded_todos(client):
    response = client.get("/todos")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json() == SEEDED


@pytest.mark.parametrize(("value", "ids"), [("true", [1]), ("false", [2, 3]), ("True", [1])])
def test_list_filtered_by_done(client, value, ids):
    assert [todo["id"] for todo in client.get(f"/todos?done={value}").get_json()] == ids


def test_list_with_a_bad_done_filter(client):
    assert problems(client.get("/todos?done=yes")) == [
        {"field": "done", "problem": "must be true or false, got 'yes'"}
    ]


def test_get_one(client):
    response = client.get("/todos/2")
    assert response.status_code == 200
    assert response.get_json() == SEEDED[1]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/todos/42", "No todo with id 42. GET /todos lists the todos that exist."),
        ("/todos/0", "No todo with id 0. GET /todos lists the todos that exist."),
        ("/todos/abc", "No todo with id 'abc': todo ids are whole numbers like 1."),
        ("/todos/-1", "No todo with id '-1': todo ids are whole numbers like 1."),
    ],
)
def test_get_missing(client, path, message):
    assert_error(client.get(path), 404, "not_found", message)


# --- creating ----------------------------------------------------------------------------------


def test_create_returns_201_location_and_the_todo(client):
    response = client.post("/todos", json={"title": "Buy milk"}, base_url="https://api.example.com")
    assert response.status_code == 201
    assert response.headers["Location"] == "https://api.example.com/todos/4"
    todo = {"id": 4, "title": "Buy milk", "done": False, "created_at": "2025-01-06T09:03:00Z"}
    assert response.get_json() == todo
    assert list(response.get_json()) == ["id", "title", "done", "created_at"]
    assert client.get("/todos/4").get_json() == todo
    assert len(client.get("/todos").get_json()) == 4


def test_location_uses_the_host_of_the_request(client):
    response = client.post("/todos", json={"title": "x"}, base_url="http://127.0.0.1:8123")
    assert response.headers["Location"] == "http://127.0.0.1:8123/todos/4"


def test_create_done_and_clock_advances(client):
    client.post("/todos", json={"title": "first"})
    second = client.post("/todos", json={"title": "second", "done": True}).get_json()
    assert second == {
        "id": 5,
        "title": "second",
        "done": True,
        "created_at": "2025-01-06T09:04:00Z",
    }


def test_ids_are_not_reused_after_delete(client):
    client.post("/todos", json={"title": "four"})
    client.delete("/todos/4")
    assert client.post("/todos", json={"title": "five"}).get_json()["id"] == 5


def test_title_of_200_characters_is_accepted(client):
    assert client.post("/todos", json={"title": "x" * 200}).status_code == 201


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, [{"field": "title", "problem": "is required"}]),
        ({"done": True}, [{"field": "title", "problem": "is required"}]),
        ({"title": ""}, [{"field": "title", "problem": "must not be empty or blank"}]),
        ({"title": "   "}, [{"field": "title", "problem": "must not be empty or blank"}]),
        ({"title": 7}, [{"field": "title", "problem": "must be a string, got number"}]),
        ({"title": None}, [{"field": "title", "problem": "must be a string, got null"}]),
        (
            {"title": "x" * 201},
            [{"field": "title", "problem": "must be at most 200 characters, got 201"}],
        ),
        (
            {"title": "x", "done": "false"},
            [{"field": "done", "problem": "must be true or false, got string 'false'"}],
        ),
        (
            {"title": "x", "done": 1},
            [{"field": "done", "problem": "must be true or false, got number 1"}],
        ),
        (
            {"title": "x", "priority": 3},
            [{"field": "priority", "problem": "unknown field; allowed fields: title, done"}],
        ),
        (
            {"title": "x", "id": 9, "created_at": "now"},
            [
                {"field": "id", "problem": "is read-only: the server sets it"},
                {"field": "created_at", "problem": "is read-only: the server sets it"},
            ],
        ),
    ],
)
def test_create_validation(client, body, details):
    response = client.post("/todos", json=body)
    assert problems(response) == details
    count = len(details)
    expected = f"The request has {count} problem{'s' if count > 1 else ''}; see details."
    assert response.get_json()["error"]["message"] == expected
    assert len(client.get("/todos").get_json()) == 3


def test_create_lists_every_problem_at_once(client):
    fields = [d["field"] for d in problems(client.post("/todos", json={"done": "no", "x": 1}))]
    assert fields == ["x", "title", "done"]


def test_create_with_form_data_is_415(client):
    assert_error(client.post("/todos", data={"title": "x"}), 415, "unsupported_media_type")


def test_post_on_an_item_is_405(client):
    response = client.post("/todos/1", json={"title": "x"})
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "DELETE, GET, HEAD, OPTIONS, PATCH, PUT"


# --- PUT vs PATCH ------------------------------------------------------------------------------


def test_put_replaces_and_resets_a_missing_done(client):
    response = client.put("/todos/1", json={"title": "Re-read the quickstart"})
    assert response.status_code == 200
    expected = {
        "id": 1,
        "title": "Re-read the quickstart",
        "done": False,
        "created_at": "2025-01-06T09:00:00Z",
    }
    assert response.get_json() == expected
    assert client.get("/todos/1").get_json() == expected


def test_put_is_idempotent(client):
    body = {"title": "Same", "done": True}
    first = client.put("/todos/2", json=body).get_json()
    second = client.put("/todos/2", json=body).get_json()
    assert first == second == client.get("/todos/2").get_json()


def test_put_needs_a_title(client):
    assert problems(client.put("/todos/1", json={"done": True})) == [
        {"field": "title", "problem": "is required"}
    ]
    assert client.get("/todos/1").get_json() == SEEDED[0]


def test_put_on_a_missing_todo_is_404_not_a_create(client):
    assert_error(client.put("/todos/9", json={"title": "x"}), 404, "not_found")
    assert len(client.get("/todos").get_json()) == 3


def test_patch_changes_only_what_is_sent(client):
    response = client.patch("/todos/1", json={"done": False})
    assert response.status_code == 200
    assert response.get_json() == {**SEEDED[0], "done": False}
    response = client.patch("/todos/1", json={"title": "New title"})
    assert response.get_json() == {**SEEDED[0], "done": False, "title": "New title"}


def test_patch_with_an_empty_object_changes_nothing(client):
    response = client.patch("/todos/3", json={})
    assert response.status_code == 200
    assert response.get_json() == SEEDED[2]


def test_patch_refuses_unknown_and_mistyped_fields(client):
    assert problems(client.patch("/todos/1", json={"done": "yes", "note": "x"})) == [
        {"field": "note", "problem": "unknown field; allowed fields: title, done"},
        {"field": "done", "problem": "must be true or false, got string 'yes'"},
    ]
    assert client.get("/todos/1").get_json() == SEEDED[0]


def test_patch_missing_todo(client):
    assert_error(client.patch("/todos/77", json={"done": True}), 404, "not_found")


# --- DELETE ------------------------------------------------------------------------------------


def test_delete_then_get_then_delete_again(client):
    response = client.delete("/todos/2")
    assert response.status_code == 204
    assert response.data == b""
    assert "Content-Type" not in response.headers
    assert_error(
        client.get("/todos/2"),
        404,
        "not_found",
        "No todo with id 2. GET /todos lists the todos that exist.",
    )
    # Idempotent: the server state is the same, the status is not.
    assert_error(client.delete("/todos/2"), 404, "not_found")
    assert [todo["id"] for todo in client.get("/todos").get_json()] == [1, 3]


def test_delete_on_the_collection_is_405(client):
    response = client.delete("/todos")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_count_is_a_bare_json_number():
    from helpers.services.example import create_app

    client = create_app().test_client()
    r = client.get("/todos/count")
    assert r.status_code == 200 and r.content_type == "application/json"
    assert r.get_data().strip() == b"3" and r.get_json() == 3
    assert client.get("/todos/count?done=false").get_json() == 2
    assert client.get("/todos/count?done=maybe").status_code == 422
