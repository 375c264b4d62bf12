"""api.example.com: API keys (header, X-API-Key, query), /me, and the scoped /reports resource."""

from __future__ import annotations

import pytest
from example_errors import assert_error

from helpers.services.example import create_app

READER = {"Authorization": "Bearer demo-reader-key"}
WRITER = {"Authorization": "Bearer demo-writer-key"}
REALM = 'Bearer realm="api.example.com"'
INVALID = 'Bearer realm="api.example.com", error="invalid_token"'
HOW_TO_SEND = (
    "Send your key in the Authorization header: "
    "headers={'Authorization': f'Bearer {key}'} (an X-API-Key header also works)."
)
SEEDED = [
    {
        "id": 1,
        "title": "Weekly sign-ups",
        "owner": "analytics",
        "created_at": "2025-02-03T08:00:00Z",
    },
    {"id": 2, "title": "Churn by plan", "owner": "analytics", "created_at": "2025-02-03T08:01:00Z"},
    {
        "id": 3,
        "title": "Model accuracy drift",
        "owner": "ml-platform",
        "created_at": "2025-02-03T08:02:00Z",
    },
    {
        "id": 4,
        "title": "API latency percentiles",
        "owner": "sre",
        "created_at": "2025-02-03T08:03:00Z",
    },
]


@pytest.fixture(scope="module")
def client():
    """One app shared by the tests that only read; tests that change reports use ``fresh``."""
    return create_app().test_client()


@pytest.fixture
def fresh():
    return create_app().test_client()


def assert_401(response, message: str | None = None, challenge: str = INVALID) -> dict:
    error = assert_error(response, 401, "unauthorized", message)
    assert error["details"] == []
    assert response.headers["WWW-Authenticate"] == challenge
    return error


# --- /me and the three ways to send a key -------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name", "scopes", "source"),
    [
        ({"headers": WRITER}, "demo-writer", ["read", "write"], "authorization-header"),
        ({"headers": READER}, "demo-reader", ["read"], "authorization-header"),
        (
            {"headers": {"Authorization": "bearer demo-reader-key"}},
            "demo-reader",
            ["read"],
            "authorization-header",
        ),
        (
            {"headers": {"X-API-Key": "demo-reader-key"}},
            "demo-reader",
            ["read"],
            "x-api-key-header",
        ),
        (
            {"headers": {"x-api-key": "demo-writer-key"}},
            "demo-writer",
            ["read", "write"],
            "x-api-key-header",
        ),
        ({"query_string": {"api_key": "demo-reader-key"}}, "demo-reader", ["read"], "query-string"),
    ],
)
def test_me_reports_key_scopes_and_source(client, kwargs, name, scopes, source):
    response = client.get("/me", **kwargs)
    assert response.status_code == 200
    assert response.get_json() == {"key_name": name, "scopes": scopes, "key_source": source}


def test_authorization_header_wins_over_the_others(client):
    response = client.get(
        "/me?api_key=demo-reader-key",
        headers={"Authorization": "Bearer demo-writer-key", "X-API-Key": "demo-reader-key"},
    )
    assert response.get_json()["key_source"] == "authorization-header"
    response = client.get("/me?api_key=demo-writer-key", headers={"X-API-Key": "demo-reader-key"})
    assert response.get_json()["key_source"] == "x-api-key-header"


def test_no_key_is_401_with_a_challenge_and_instructions(client):
    assert_401(
        client.get("/me"),
        "This endpoint needs an API key and none was sent. " + HOW_TO_SEND,
        challenge=REALM,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer demo-admin-key"},
        {"X-API-Key": "sk-live-123"},
        {"Authorization": "Bearer DEMO-READER-KEY"},
    ],
)
def test_unknown_key_is_401(client, headers):
    assert_401(
        client.get("/me", headers=headers),
        "The API key was not recognised. Check that you copied the whole key, "
        "without quotes or spaces around it.",
    )


def test_unknown_key_in_the_query_is_401(client):
    assert_401(client.get("/me?api_key=nope"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"headers": {"Authorization": "Bearer None"}},
        {"headers": {"X-API-Key": "None"}},
        {"query_string": {"api_key": "None"}},
    ],
)
def test_the_string_none_gets_its_own_message(client, kwargs):
    error = assert_401(client.get("/me", **kwargs))
    assert error["message"].startswith(
        "The key is the string 'None': your code probably read a missing environment variable "
        "with os.environ.get()"
    )


@pytest.mark.parametrize("value", ["Bearer", "Bearer ", "Bearer   "])
def test_empty_bearer_key_is_401(client, value):
    assert_401(
        client.get("/me", headers={"Authorization": value}), "The API key is empty. " + HOW_TO_SEND
    )


def test_other_auth_scheme_is_401_naming_it(client):
    error = assert_401(
        client.get("/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}), challenge=REALM
    )
    assert error["message"].startswith(
        "The Authorization header uses the 'Basic' scheme; this API expects 'Bearer KEY'."
    )


def test_key_without_scheme_is_401(client):
    error = assert_401(
        client.get("/me", headers={"Authorization": "demo-reader-key"}), challenge=REALM
    )
    assert error["message"].startswith("The Authorization header has no scheme: put 'Bearer '")
    assert "demo-reader-key" not in response_text(client, {"Authorization": "demo-reader-key"})


@pytest.mark.parametrize(
    "value",
    ["demo-writer-key", "demo-writer-key extra", "sk-secret-123 x", "Bearer", "Token abc"],
)
def test_no_401_quotes_the_authorization_header_back(client, value):
    secret = value.split()[-1] if value.split()[0] == "Token" else value.split()[0]
    text = response_text(client, {"Authorization": value})
    if value != "Bearer":
        assert secret not in text


def response_text(client, headers) -> str:
    response = client.get("/me", headers=headers)
    assert response.status_code == 401
    return response.get_data(as_text=True) + str(dict(response.headers))


def test_post_on_me_is_405(client):
    assert_error(client.post("/me", headers=WRITER), 405, "method_not_allowed")


# --- reports: read scope -----------------------------------------------------------------------


@pytest.mark.parametrize("headers", [READER, WRITER])
def test_list_reports_with_a_read_key(client, headers):
    response = client.get("/reports", headers=headers)
    assert response.status_code == 200
    assert response.get_json() == SEEDED


def test_reports_need_a_key(client):
    assert_401(client.get("/reports"), challenge=REALM)
    assert_401(client.get("/reports/1"), challenge=REALM)


def test_get_one_report(client):
    assert client.get("/reports/3", headers=READER).get_json() == SEEDED[2]


@pytest.mark.parametrize("report_id", ["99", "x", "0"])
def test_get_missing_report(client, report_id):
    assert_error(
        client.get(f"/reports/{report_id}", headers=READER),
        404,
        "not_found",
        f"No report with id {report_id}. GET /reports lists the reports.",
    )


# --- reports: write scope ----------------------------------------------------------------------


def test_reader_cannot_create(fresh):
    response = fresh.post("/reports", json={"title": "x"}, headers=READER)
    assert_error(
        response,
        403,
        "forbidden",
        "This key (demo-reader) lacks the write scope needed for POST /reports. "
        "Use a key that has the write scope.",
    )
    assert "WWW-Authenticate" not in response.headers
    assert len(fresh.get("/reports", headers=READER).get_json()) == 4


def test_scope_is_checked_before_the_body(fresh):
    assert_error(fresh.post("/reports", data="junk", headers=READER), 403, "forbidden")
    assert_401(fresh.post("/reports", data="junk"), challenge=REALM)


def test_writer_creates_a_report(fresh):
    response = fresh.post(
        "/reports",
        json={"title": "Monthly revenue"},
        headers=WRITER,
        base_url="https://api.example.com",
    )
    assert response.status_code == 201
    assert response.headers["Location"] == "https://api.example.com/reports/5"
    report = {
        "id": 5,
        "title": "Monthly revenue",
        "owner": "demo-writer",
        "created_at": "2025-02-03T08:04:00Z",
    }
    assert response.get_json() == report
    assert fresh.get("/reports/5", headers=READER).get_json() == report


def test_create_report_validation(fresh):
    response = fresh.post("/reports", json={"name": "x", "owner": "me"}, headers=WRITER)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"] == [
        {"field": "name", "problem": "unknown field; allowed fields: title"},
        {"field": "owner", "problem": "is read-only: the server sets it"},
        {"field": "title", "problem": "is required"},
    ]


def test_create_report_needs_json(fresh):
    assert_error(
        fresh.post("/reports", data={"title": "x"}, headers=WRITER), 415, "unsupported_media_type"
    )


def test_delete_report(fresh):
    assert_error(
        fresh.delete("/reports/1", headers=READER),
        403,
        "forbidden",
        "This key (demo-reader) lacks the write scope needed for DELETE /reports/1. "
        "Use a key that has the write scope.",
    )
    assert_401(fresh.delete("/reports/1"), challenge=REALM)
    response = fresh.delete("/reports/1", headers={"X-API-Key": "demo-writer-key"})
    assert response.status_code == 204
    assert response.data == b""
    assert_error(fresh.get("/reports/1", headers=READER), 404, "not_found")
    assert_error(fresh.delete("/reports/1", headers=WRITER), 404, "not_found")


def test_reader_gets_403_even_for_a_missing_report(fresh):
    assert_error(fresh.delete("/reports/99", headers=READER), 403, "forbidden")
