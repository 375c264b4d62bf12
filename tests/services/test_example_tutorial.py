"""api.example.com: the tutorial endpoints (/users, /model/{id}, /data, /private, /upload,
/generate, /items), pathological JSON, and error bodies that never quote a credential."""

from __future__ import annotations

import base64
import hashlib
import io

import pytest
from example_errors import assert_error, problems

from helpers.services.example import create_app
from helpers.services.example.tutorial import generated_text

READER = {"Authorization": "Bearer demo-reader-key"}
BASIC_REALM = 'Basic realm="api.example.com"'
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def client():
    return create_app().test_client()


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


# --- /users ------------------------------------------------------------------------------------


def test_users_list_pages_and_empty_past_the_end(client):
    first = client.get("/users")
    assert first.status_code == 200
    assert [u["id"] for u in first.get_json()] == list(range(1, 11))
    assert first.headers["X-Total-Count"] == "12"
    assert list(first.get_json()[0]) == ["id", "name", "email", "created_at"]
    assert [u["id"] for u in client.get("/users?page=2").get_json()] == [11, 12]
    assert client.get("/users?page=3").get_json() == []
    assert [u["id"] for u in client.get("/users?page=3&per_page=5").get_json()] == [11, 12]
    assert client.get("/users?page=99&per_page=100").get_json() == []


@pytest.mark.parametrize("query", ["page=0", "per_page=0", "per_page=101", "page=abc"])
def test_users_bad_page_numbers_are_422(client, query):
    assert len(problems(client.get(f"/users?{query}"))) == 1


def test_users_crud(client):
    created = client.post("/users", json={"name": "Zoe Example", "email": "zoe@example.com"})
    assert created.status_code == 201
    assert created.headers["Location"] == "http://localhost/users/13"
    user = created.get_json()
    assert user == {
        "id": 13,
        "name": "Zoe Example",
        "email": "zoe@example.com",
        "created_at": "2025-01-20T10:12:00Z",
    }
    assert client.get("/users/13").get_json() == user
    patched = client.patch("/users/13", json={"name": "Zoe E."}).get_json()
    assert patched == {**user, "name": "Zoe E."}
    replaced = client.put("/users/13", json={"name": "Zoe", "email": "z@example.org"})
    assert replaced.get_json() == {**user, "name": "Zoe", "email": "z@example.org"}
    assert client.get("/users").headers["X-Total-Count"] == "13"
    deleted = client.delete("/users/13")
    assert (deleted.status_code, deleted.data) == (204, b"")
    assert_error(client.get("/users/13"), 404, "not_found")
    assert_error(client.delete("/users/13"), 404, "not_found")
    assert_error(client.put("/users/13", json={"name": "a", "email": "a@b.co"}), 404, "not_found")


def test_users_validation_lists_every_problem(client):
    details = problems(client.post("/users", json={"name": "", "email": "nope", "id": 3}))
    assert [d["field"] for d in details] == ["id", "name", "email"]
    assert problems(client.put("/users/1", json={"name": "Ada"})) == [
        {"field": "email", "problem": "is required"}
    ]
    assert [d["field"] for d in problems(client.patch("/users/1", json={"role": "x"}))] == ["role"]
    assert_error(client.post("/users", data={"name": "x"}), 415, "unsupported_media_type")
    assert_error(client.get("/users/abc"), 404, "not_found")


# --- /model/{id} -------------------------------------------------------------------------------


def test_model_card(client):
    card = client.get("/model/2").get_json()
    assert card["model_name"] == "churn-predictor"
    assert card["version"] == "0.3.1"
    assert 0 < card["confidence_score"] < 1
    assert_error(client.get("/model/4"), 404, "not_found")
    assert_error(client.get("/model/x"), 404, "not_found")


# --- /data -------------------------------------------------------------------------------------


def test_data_needs_a_key(client):
    body = client.get("/data", headers=READER).get_json()
    assert body["count"] == len(body["data"]) == 7 and body["key_name"] == "demo-reader"
    assert_error(client.get("/data"), 401, "unauthorized")
    assert_error(client.get("/data", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")


# --- /private ----------------------------------------------------------------------------------


def test_private_with_the_demo_account(client):
    r = client.get("/private", headers=basic("learner", "demo-password"))
    assert r.status_code == 200
    assert r.get_json()["authenticated"] is True and r.get_json()["user"] == "learner"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        basic("learner", "hunter2-secret"),
        basic("someone-else", "demo-password"),
        READER,
        {"Authorization": "Basic !!!not-base64"},
    ],
)
def test_private_refuses_with_a_basic_challenge(client, headers):
    r = client.get("/private", headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["WWW-Authenticate"] == BASIC_REALM
    text = r.get_data(as_text=True)
    for secret in ("hunter2-secret", "someone-else", "demo-reader-key", "demo-password"):
        assert secret not in text


# --- /upload -----------------------------------------------------------------------------------


def test_upload_describes_the_file(client):
    content = b"name,score\nada,3\n"
    r = client.post("/upload", data={"file": (io.BytesIO(content), "scores.csv", "text/csv")})
    assert r.status_code == 200
    assert r.get_json() == {
        "filename": "scores.csv",
        "content_type": "text/csv",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def test_upload_mistakes(client):
    wrong_part = client.post("/upload", data={"image": (io.BytesIO(b"x"), "a.png")})
    assert "['image']" in problems(wrong_part)[0]["problem"]
    as_field = client.post("/upload", data={"file": "text"}, content_type="multipart/form-data")
    assert "plain form field" in problems(as_field)[0]["problem"]
    empty = client.post("/upload", data={"file": (io.BytesIO(b""), "a.csv")})
    assert "empty" in problems(empty)[0]["problem"]
    assert_error(client.post("/upload", json={"file": "x"}), 415, "unsupported_media_type")
    assert_error(client.get("/upload"), 405, "method_not_allowed")
    big = io.BytesIO(b"x" * (5 * 1024 * 1024 + 1))
    assert_error(
        client.post("/upload", data={"file": (big, "big.bin")}), 413, "request_entity_too_large"
    )


# --- /generate ---------------------------------------------------------------------------------


def test_generate_is_deterministic_and_needs_a_key(client):
    r = client.post("/generate", json={"prompt": "Hello"}, headers=READER)
    assert r.status_code == 200
    body = r.get_json()
    assert list(body) == ["text", "model", "request_id"]
    assert body["text"] == generated_text("Hello")
    again = create_app().test_client().post("/generate", json={"prompt": "Hello"}, headers=READER)
    assert again.get_json() == body
    other = client.post("/generate", json={"prompt": "Bye"}, headers=READER).get_json()
    assert other["text"] != body["text"]
    assert_error(client.post("/generate", json={"prompt": "Hello"}), 401, "unauthorized")


@pytest.mark.parametrize(
    ("body", "fields"),
    [({}, ["prompt"]), ({"prompt": ""}, ["prompt"]), ({"prompt": 3, "n": 1}, ["n", "prompt"])],
)
def test_generate_validation(client, body, fields):
    details = problems(client.post("/generate", json=body, headers=READER))
    assert [d["field"] for d in details] == fields


# --- /items ------------------------------------------------------------------------------------


def test_items_follow_next_until_null(client):
    url, seen, requests_made = "/items", [], 0
    while url is not None and requests_made < 20:
        body = client.get(url).get_json()
        requests_made += 1
        assert body["count"] == 53
        seen += [item["id"] for item in body["results"]]
        url = body["next"] and body["next"].removeprefix("http://localhost")
    assert seen == list(range(1, 54)) and requests_made == 6
    first = client.get("/items").get_json()
    assert first["next"] == "http://localhost/items?page=2" and first["previous"] is None
    last = client.get("/items?page=6").get_json()
    assert last["next"] is None and last["previous"] == "http://localhost/items?page=5"
    assert client.get("/items?page=7").get_json()["results"] == []
    assert client.get("/items?page_size=50&page=2").get_json()["next"] is None
    assert len(problems(client.get("/items?page_size=51"))) == 1


# --- pathological JSON and credentials in messages ---------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("POST", "/todos", {}),
        ("PATCH", "/todos/1", {}),
        ("POST", "/users", {}),
        ("POST", "/generate", READER),
        ("POST", "/models/iris-classifier/predict", {}),
    ],
)
def test_deeply_nested_json_is_a_quiet_400(client, capfd, method, path, headers):
    r = client.open(
        path, method=method, data=DEEP, content_type="application/json", headers=headers
    )
    error = assert_error(r, 400, "bad_request")
    assert "nested too deeply" in error["message"]
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize(
    "value",
    [
        "demo-writer-key",
        "demo-reader-key",
        "sk-live-0123456789abcdef",
        "sk-live-0123456789abcdef trailing",
        "Bearer None-but-secret-typo",
        "Token sk-live-0123456789abcdef",
        "Basic c2VjcmV0OnBhc3N3b3Jk",
    ],
)
@pytest.mark.parametrize("path", ["/me", "/data", "/reports"])
def test_no_401_quotes_a_credential_back(client, value, path):
    r = client.get(path, headers={"Authorization": value})
    assert r.status_code == 401
    text = r.get_data(as_text=True) + repr(dict(r.headers))
    scheme, _, rest = value.partition(" ")
    secret = rest.split()[0] if scheme in ("Bearer", "Token", "Basic") else scheme
    assert secret not in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"headers": {"X-API-Key": "sk-live-0123456789abcdef"}},
        {"query_string": {"api_key": "sk-live-0123456789abcdef"}},
        {"headers": {"Authorization": "Bearer sk-live-0123456789abcdef"}},
    ],
)
def test_unknown_keys_are_never_quoted(client, kwargs):
    r = client.get("/me", **kwargs)
    assert r.status_code == 401
    assert "sk-live" not in r.get_data(as_text=True)
