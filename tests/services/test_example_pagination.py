"""api.example.com: page-number, offset, cursor and Link-header pagination, and the trap."""

from __future__ import annotations

import base64
import re

import pytest
from example_errors import assert_error, problems

from helpers.services.example import create_app
from helpers.services.example.pagination import decode_cursor, encode_cursor

API = "https://api.example.com"


@pytest.fixture(scope="module")
def client():
    """One app for the whole module: these endpoints are read-only and keep no state."""
    return create_app().test_client()


def links(response) -> dict[str, str]:
    pairs = re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))
    return {rel: url for url, rel in pairs}


# --- page number: /products --------------------------------------------------------------------


def test_products_first_page_with_defaults(client):
    body = client.get("/products").get_json()
    assert list(body) == ["items", "page", "per_page", "total", "total_pages"]
    assert (body["page"], body["per_page"], body["total"], body["total_pages"]) == (1, 20, 95, 5)
    assert [item["id"] for item in body["items"]] == list(range(1, 21))
    assert body["items"][0] == {
        "id": 1,
        "name": "Vintage Atlas",
        "category": "books",
        "price": 84.18,
    }
    assert "Link" not in client.get("/products").headers


def test_products_last_page_is_short_and_beyond_is_empty(client):
    last = client.get("/products?page=5").get_json()
    assert [item["id"] for item in last["items"]] == list(range(81, 96))
    beyond = client.get("/products?page=6").get_json()
    assert beyond == {"items": [], "page": 6, "per_page": 20, "total": 95, "total_pages": 5}


def test_products_per_page(client):
    body = client.get("/products?per_page=100").get_json()
    assert (len(body["items"]), body["total_pages"]) == (95, 1)
    body = client.get("/products?page=4&per_page=30").get_json()
    assert [item["id"] for item in body["items"]] == list(range(91, 96))


def test_products_walk_collects_everything_once(client):
    ids = []
    for page in range(1, 6):
        ids += [item["id"] for item in client.get(f"/products?page={page}").get_json()["items"]]
    assert ids == list(range(1, 96))


def test_products_category_filter(client):
    body = client.get("/products?category=kitchen&per_page=100").get_json()
    assert body["total"] == len(body["items"]) == 19
    assert {item["category"] for item in body["items"]} == {"kitchen"}
    assert problems(client.get("/products?category=food")) == [
        {"field": "category", "problem": "must be one of books, electronics, garden, kitchen, toys"}
    ]


@pytest.mark.parametrize(
    ("query", "details"),
    [
        ("page=0", [{"field": "page", "problem": "must be an integer >= 1, got '0'"}]),
        ("page=1.5", [{"field": "page", "problem": "must be an integer >= 1, got '1.5'"}]),
        (
            "per_page=-1",
            [{"field": "per_page", "problem": "must be an integer between 1 and 100, got '-1'"}],
        ),
        (
            "per_page=abc",
            [{"field": "per_page", "problem": "must be an integer between 1 and 100, got 'abc'"}],
        ),
        (
            "page=0&per_page=101",
            [
                {"field": "page", "problem": "must be an integer >= 1, got '0'"},
                {"field": "per_page", "problem": "must be an integer between 1 and 100, got '101'"},
            ],
        ),
    ],
)
def test_products_validation(client, query, details):
    assert problems(client.get(f"/products?{query}")) == details


# --- offset: /events ---------------------------------------------------------------------------


def test_events_defaults(client):
    body = client.get("/events").get_json()
    assert list(body) == ["items", "offset", "limit", "total"]
    assert (body["offset"], body["limit"], body["total"]) == (0, 25, 237)
    assert [item["id"] for item in body["items"]] == list(range(1, 26))
    assert body["items"][0] == {
        "id": 1,
        "type": "signup",
        "user_id": "u032",
        "occurred_at": "2025-03-01T08:07:00Z",
    }


def test_events_end_and_beyond(client):
    body = client.get("/events?offset=225").get_json()
    assert [item["id"] for item in body["items"]] == list(range(226, 238))
    assert client.get("/events?offset=237").get_json()["items"] == []
    assert len(client.get("/events?offset=10&limit=100").get_json()["items"]) == 100


def test_events_validation(client):
    assert problems(client.get("/events?offset=-1&limit=0")) == [
        {"field": "offset", "problem": "must be an integer >= 0, got '-1'"},
        {"field": "limit", "problem": "must be an integer between 1 and 100, got '0'"},
    ]
    assert problems(client.get("/events?limit=101"))[0]["field"] == "limit"


# --- cursor: /logs -----------------------------------------------------------------------------


def test_logs_walk_with_cursors(client):
    sizes, ids, cursor = [], [], None
    while True:
        query = {"cursor": cursor} if cursor else {}
        body = client.get("/logs", query_string=query).get_json()
        assert list(body) == ["items", "next_cursor"]
        sizes.append(len(body["items"]))
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sizes == [10, 10, 10, 10, 10, 8]
    assert ids == list(range(1, 59))


def test_logs_items_and_limit(client):
    body = client.get("/logs?limit=50").get_json()
    assert len(body["items"]) == 50
    assert body["items"][0] == {
        "id": 1,
        "timestamp": "2025-03-02T12:00:13Z",
        "level": "INFO",
        "message": "GET /reports 401 in 2 ms",
    }
    last = client.get("/logs", query_string={"cursor": body["next_cursor"], "limit": 50}).get_json()
    assert (len(last["items"]), last["next_cursor"]) == (8, None)


def test_cursor_is_opaque_base64(client):
    cursor = client.get("/logs").get_json()["next_cursor"]
    assert cursor == encode_cursor(10)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", cursor)
    assert decode_cursor(cursor) == 10


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "!!!",
        base64.urlsafe_b64encode(b"logs:58").decode(),
        base64.urlsafe_b64encode(b"logs:0").decode(),
        base64.urlsafe_b64encode(b"page:2").decode(),
        "10",
    ],
)
def test_invalid_cursor_is_400(client, cursor):
    error = assert_error(client.get("/logs", query_string={"cursor": cursor}), 400, "bad_request")
    assert error["message"] == (
        f"The cursor {cursor!r} is not valid. Pass back the next_cursor of the previous page "
        "unchanged, or leave cursor out to start from the first page."
    )


def test_logs_limit_validation(client):
    assert problems(client.get("/logs?limit=51")) == [
        {"field": "limit", "problem": "must be an integer between 1 and 50, got '51'"}
    ]


# --- Link header and the trap: /articles -------------------------------------------------------


def test_articles_first_page(client):
    response = client.get("/articles", base_url=API)
    assert response.status_code == 200
    body = response.get_json()
    assert isinstance(body, list)
    assert [a["id"] for a in body] == list(range(1, 11))
    assert body[0] == {
        "id": 1,
        "title": "Timeouts, part 1",
        "author": "Guido",
        "published_on": "2025-01-03",
    }
    assert response.headers["Link"] == (
        f'<{API}/articles?page=2>; rel="next", <{API}/articles?page=5>; rel="last"'
    )


def test_articles_middle_and_last_pages(client):
    middle = client.get("/articles?page=3", base_url=API)
    assert links(middle) == {
        "prev": f"{API}/articles?page=2",
        "next": f"{API}/articles?page=4",
        "last": f"{API}/articles?page=5",
        "first": f"{API}/articles?page=1",
    }
    last = client.get("/articles?page=5", base_url=API)
    assert [a["id"] for a in last.get_json()] == [41, 42]
    assert links(last) == {"prev": f"{API}/articles?page=4", "first": f"{API}/articles?page=1"}
    beyond = client.get("/articles?page=9")
    assert beyond.get_json() == []
    assert "next" not in links(beyond)


def test_following_next_links_stops(client):
    ids, url, requests_made = [], "/articles", 0
    while url:
        response = client.get(url.removeprefix(API), base_url=API)
        requests_made += 1
        ids += [a["id"] for a in response.get_json()]
        url = links(response).get("next")
    assert (requests_made, ids) == (5, list(range(1, 43)))


@pytest.mark.parametrize(
    "query", ["pageNumber=2", "p=2", "offset=10", "per_page=50", "page_number=3"]
)
def test_the_trap_other_paging_parameters_are_ignored(client, query):
    first = client.get("/articles").get_json()
    response = client.get(f"/articles?{query}", base_url=API)
    assert response.status_code == 200
    assert response.get_json() == first
    assert links(response)["next"] == f"{API}/articles?{query}&page=2"


def test_link_urls_use_the_request_host(client):
    response = client.get("/articles", base_url="http://127.0.0.1:8123")
    assert links(response)["next"] == "http://127.0.0.1:8123/articles?page=2"


def test_articles_304_keeps_the_link_header(client):
    first = client.get("/articles")
    cached = client.get("/articles", headers={"If-None-Match": first.headers["ETag"]})
    assert cached.status_code == 304
    assert cached.headers["Link"] == first.headers["Link"]


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_articles_page_validation(client, value):
    assert problems(client.get(f"/articles?page={value}")) == [
        {"field": "page", "problem": f"must be an integer >= 1, got {value!r}"}
    ]
