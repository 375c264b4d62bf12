"""api.example.com: index, the error shape, faults, JSON bodies, oddities and app isolation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from example_errors import assert_error

from helpers.services._common import queue_faults
from helpers.services.example import BASE_URL, HOST, create_app
from helpers.services.example.index import DOCS, ENDPOINTS
from helpers.services.example.oddities import BROKEN_JSON


@pytest.fixture(scope="module")
def app():
    """One app for the module: no test here depends on state another test could change."""
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def send(client, prepared: requests.PreparedRequest):
    """Send exactly the bytes and headers that ``requests`` prepared, through the test client."""
    path = prepared.url.removeprefix(BASE_URL)
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "content-length"}
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    return client.open(path, method=prepared.method, data=body or b"", headers=headers)


def post_todos(**kwargs) -> requests.PreparedRequest:
    return requests.Request("POST", f"{BASE_URL}/todos", **kwargs).prepare()


# --- identity and index ------------------------------------------------------------------------


def test_host_constants():
    assert HOST == "api.example.com"
    assert BASE_URL == "https://api.example.com"


def test_index_lists_endpoints_and_docs(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.get_json()
    assert body["service"] == "api.example.com"
    assert body["docs"] == DOCS == "notebooks/reference/example-api.md"
    assert body["endpoints"][0] == {"method": "GET", "path": "/", "description": ENDPOINTS[0][2]}
    assert len(body["endpoints"]) == len(ENDPOINTS) == 42
    assert len({(m, p) for m, p, _ in ENDPOINTS}) == len(ENDPOINTS), "listed twice"
    for endpoint in body["endpoints"]:
        assert list(endpoint) == ["method", "path", "description"]


def test_index_matches_the_real_routes(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<\w*id>", "{id}", rule.rule).replace("<name>", "{name}")
        routes.update((method, path) for method in rule.methods - {"HEAD", "OPTIONS"})
    assert routes == {(method, path) for method, path, _ in ENDPOINTS}


def test_docs_file_exists():
    assert (Path(__file__).parents[2] / DOCS).is_file()


# --- the error shape for routing errors and crashes --------------------------------------------


def test_unknown_path_names_the_path_and_points_to_the_index(client):
    assert_error(
        client.get("/todo"),
        404,
        "not_found",
        "No endpoint at GET /todo. "
        "Check the path for typos; GET / lists every endpoint of this API.",
    )


def test_trailing_slash_is_an_unknown_path(client):
    assert_error(client.get("/todos/"), 404, "not_found")


def test_method_not_allowed_has_allow_header(client):
    error = assert_error(client.post("/todos/1"), 405, "method_not_allowed")
    assert error["message"] == (
        "POST is not allowed on /todos/1. Allowed methods: DELETE, GET, HEAD, OPTIONS, PATCH, PUT."
    )
    assert client.post("/todos/1").headers["Allow"] == "DELETE, GET, HEAD, OPTIONS, PATCH, PUT"
    response = client.put("/todos")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_unexpected_exception_is_a_500_in_the_error_shape_and_silent(capfd):
    app = create_app()

    def boom():
        raise RuntimeError("bug")

    app.add_url_rule("/boom", "boom", boom)
    error = assert_error(app.test_client().get("/boom"), 500, "internal_error")
    assert "not your fault" in error["message"]
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


# --- injected faults ---------------------------------------------------------------------------


def test_queued_503_faults_use_the_error_shape_then_clear(app, client):
    queue_faults(app, 503, times=2)
    assert_error(client.get("/todos"), 503, "service_unavailable")
    response = client.get("/todos")
    assert_error(response, 503, "service_unavailable")
    assert "Retry-After" not in response.headers
    assert client.get("/todos").status_code == 200


def test_queued_429_fault_has_retry_after(app, client):
    before = len(client.get("/todos").get_json())
    queue_faults(app, 429)
    response = client.post("/todos", json={"title": "not created"})
    assert_error(response, 429, "rate_limited")
    assert response.headers["Retry-After"] == "1"
    assert len(client.get("/todos").get_json()) == before


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (500, "internal_error"),
        (502, "bad_gateway"),
        (504, "gateway_timeout"),
        (418, "i_m_a_teapot"),
    ],
)
def test_queued_faults_of_any_status(app, client, status, code):
    queue_faults(app, status, headers={"X-Fault": "yes"})
    response = client.get("/")
    assert_error(response, status, code)
    assert response.headers["X-Fault"] == "yes"


# --- JSON bodies, as requests really sends them -------------------------------------------------


def test_json_argument_is_accepted(client):
    response = send(client, post_todos(json={"title": "Buy milk"}))
    assert response.status_code == 201


def test_form_data_gets_415_pointing_to_json(client):
    error = assert_error(
        send(client, post_todos(data={"title": "x"})), 415, "unsupported_media_type"
    )
    assert error["message"].startswith("The body is form data (what data={...} sends).")
    assert "json=" in error["message"]


def test_json_dumps_without_content_type_gets_415(client):
    prepared = post_todos(data=json.dumps({"title": "x"}))
    assert "Content-Type" not in prepared.headers
    error = assert_error(send(client, prepared), 415, "unsupported_media_type")
    assert "data=json.dumps(...)" in error["message"]
    assert "json=" in error["message"]


def test_no_body_gets_415(client):
    error = assert_error(send(client, post_todos()), 415, "unsupported_media_type")
    assert error["message"].startswith("The request has no body.")


def test_multipart_gets_415(client):
    prepared = post_todos(files={"title": ("t.txt", b"x")})
    error = assert_error(send(client, prepared), 415, "unsupported_media_type")
    assert error["message"].startswith("The body is multipart/form-data (what files= sends).")


def test_other_content_type_gets_415(client):
    response = client.post("/todos", data='{"title": "x"}', content_type="text/plain")
    error = assert_error(response, 415, "unsupported_media_type")
    assert error["message"].startswith("The body has Content-Type 'text/plain'.")


def test_malformed_json_gets_400(client):
    response = client.post("/todos", data='{"title": "x",}', content_type="application/json")
    error = assert_error(response, 400, "bad_request")
    # the parser's own words follow (they differ between Python versions), with the position
    assert error["message"].startswith("The body is not valid JSON (")
    assert re.search(r"line 1 column \d+", error["message"]) and "json=" in error["message"]


def test_empty_json_body_gets_400(client):
    response = client.post("/todos", data=b"", content_type="application/json")
    error = assert_error(response, 400, "bad_request")
    assert error["message"] == (
        "The body is empty although Content-Type says JSON. Pass the data with json=."
    )


def test_body_that_is_not_utf8_gets_400(client):
    response = client.post("/todos", data=b'{"title": "\xff"}', content_type="application/json")
    assert_error(response, 400, "bad_request")


def test_json_that_is_not_an_object_gets_422(client):
    error = assert_error(client.post("/todos", json=["x"]), 422, "validation_failed")
    assert error["details"] == [
        {"field": "body", "problem": "must be a JSON object {...}, got array"}
    ]


def test_json_subtypes_are_json(client):
    response = client.patch(
        "/todos/3", data='{"title": "Merge"}', content_type="application/merge-patch+json"
    )
    assert response.status_code == 200
    assert response.get_json()["title"] == "Merge"


# --- oddities ----------------------------------------------------------------------------------


def test_html_page_with_200(client):
    response = client.get("/html")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>Sign in - Example Corp network</title>" in text
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_broken_json_claims_json_but_does_not_parse(client):
    response = client.get("/broken-json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_data(as_text=True) == BROKEN_JSON
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.get_data(as_text=True))


def test_empty_is_204_without_body_or_content_type(client):
    response = client.get("/empty")
    assert response.status_code == 204
    assert response.data == b""
    assert "Content-Type" not in response.headers


def test_oddities_only_answer_get(client):
    assert_error(client.post("/html"), 405, "method_not_allowed")


# --- state ------------------------------------------------------------------------------------


def test_each_app_has_its_own_state():
    first, second = create_app().test_client(), create_app().test_client()
    assert first.post("/todos", json={"title": "only here"}).status_code == 201
    assert len(first.get("/todos").get_json()) == 4
    assert len(second.get("/todos").get_json()) == 3
    assert first.get("/flaky").status_code == 503
    assert second.get("/flaky").status_code == 503


def test_etag_and_if_none_match(client):
    response = client.get("/products")
    etag = response.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert client.get("/products").headers["ETag"] == etag
    cached = client.get("/products", headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.data == b""
    assert cached.headers["ETag"] == etag
    assert client.get("/products", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    assert client.get("/products", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/products?page=2").headers["ETag"] != etag


def test_etag_changes_when_a_todo_changes(client):
    etag = client.get("/todos/2").headers["ETag"]
    client.patch("/todos/2", json={"done": True})
    response = client.get("/todos/2", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag
