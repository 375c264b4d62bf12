"""api.example.com: flaky (503), rate-limited (429), slow, and idempotent orders."""

from __future__ import annotations

import time

import pytest
from example_errors import assert_error, problems

from helpers.services._common import clear_read_timeout, set_read_timeout
from helpers.services.example import create_app, orders, reliability


@pytest.fixture
def client():
    return create_app().test_client()


@pytest.fixture
def sleeps(monkeypatch):
    """Record the delays asked of ``simulated_sleep`` instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(reliability, "simulated_sleep", recorded.append)
    monkeypatch.setattr(orders, "simulated_sleep", recorded.append)
    return recorded


def test_flaky_fails_twice_by_default_then_succeeds(client):
    for attempt in (1, 2):
        response = client.get("/flaky")
        assert_error(
            response,
            503,
            "service_unavailable",
            f"The service is temporarily unavailable (attempt {attempt}; the first 2 attempts "
            "fail). This is temporary: retry with backoff.",
        )
        assert "Retry-After" not in response.headers
    assert client.get("/flaky").get_json() == {"status": "ok", "attempt": 3}
    assert client.get("/flaky").get_json() == {"status": "ok", "attempt": 4}


def test_flaky_counts_per_key_and_failures(client):
    assert client.get("/flaky?failures=1&key=a").status_code == 503
    assert client.get("/flaky?failures=1&key=b").status_code == 503
    assert client.get("/flaky?failures=1&key=a").get_json() == {"status": "ok", "attempt": 2}
    assert client.get("/flaky?failures=3&key=a").status_code == 503  # a new (key, N) pair


def test_flaky_with_zero_failures(client):
    assert client.get("/flaky?failures=0").get_json() == {"status": "ok", "attempt": 1}


@pytest.mark.parametrize(
    ("query", "details"),
    [
        (
            "failures=-1",
            [{"field": "failures", "problem": "must be an integer between 0 and 20, got '-1'"}],
        ),
        (
            "failures=21",
            [{"field": "failures", "problem": "must be an integer between 0 and 20, got '21'"}],
        ),
        (
            "failures=two",
            [{"field": "failures", "problem": "must be an integer between 0 and 20, got 'two'"}],
        ),
        ("key=", [{"field": "key", "problem": "must be 1 to 100 characters, got 0"}]),
    ],
)
def test_flaky_validation(client, query, details):
    assert problems(client.get(f"/flaky?{query}")) == details


# --- rate limited ------------------------------------------------------------------------------


def test_rate_limit_cycle_with_defaults(client):
    statuses, remaining = [], []
    for _ in range(11):
        response = client.get("/rate-limited")
        statuses.append(response.status_code)
        remaining.append(response.headers["X-RateLimit-Remaining"])
        assert response.headers["X-RateLimit-Limit"] == "3"
    assert statuses == [200, 200, 200, 429, 429, 200, 200, 200, 429, 429, 200]
    assert remaining == ["2", "1", "0", "0", "0", "2", "1", "0", "0", "0", "2"]


def test_rate_limited_answers(client):
    assert client.get("/rate-limited").get_json() == {"status": "ok", "call": 1, "remaining": 2}
    client.get("/rate-limited")
    client.get("/rate-limited")
    response = client.get("/rate-limited")
    assert_error(
        response,
        429,
        "rate_limited",
        "Rate limit exceeded: 3 calls are allowed, then 2 are refused. "
        "Wait the number of seconds in the Retry-After header, then retry.",
    )
    assert response.headers["Retry-After"] == "1"


def test_rate_limit_parameters_and_keys(client):
    statuses = [client.get("/rate-limited?limit=1&blocked=3").status_code for _ in range(5)]
    assert statuses == [200, 429, 429, 429, 200]
    assert client.get("/rate-limited?limit=1&blocked=3&key=other").status_code == 200
    assert [client.get("/rate-limited?blocked=0").status_code for _ in range(5)] == [200] * 5


def test_rate_limit_ignores_the_clock(client):
    for _ in range(3):
        client.get("/rate-limited")
    time.sleep(0.01)
    assert client.get("/rate-limited").status_code == 429


def test_rate_limit_validation(client):
    assert problems(client.get("/rate-limited?limit=0&blocked=x")) == [
        {"field": "limit", "problem": "must be an integer between 1 and 100, got '0'"},
        {"field": "blocked", "problem": "must be an integer between 0 and 100, got 'x'"},
    ]


# --- slow --------------------------------------------------------------------------------------


def test_slow_waits_two_seconds_by_default(client, sleeps):
    assert client.get("/slow").get_json() == {"slept": 2}
    assert sleeps == [2.0]


def test_slow_with_seconds(client, sleeps):
    assert client.get("/slow?seconds=0.5").get_json() == {"slept": 0.5}
    assert client.get("/slow?seconds=10").get_json() == {"slept": 10}
    assert sleeps == [0.5, 10.0]


def test_slow_really_sleeps(client):
    start = time.perf_counter()
    assert client.get("/slow?seconds=0.05").get_json() == {"slept": 0.05}
    assert time.perf_counter() - start >= 0.05


def test_slow_honours_an_in_process_read_timeout(client):
    set_read_timeout(0.01)
    try:
        start = time.perf_counter()
        client.get("/slow?seconds=5")
        elapsed = time.perf_counter() - start
    finally:
        expired = clear_read_timeout()
    assert expired == 0.01
    assert elapsed < 1


@pytest.mark.parametrize("value", ["11", "-1", "abc", "1e3", ""])
def test_slow_validation(client, value, sleeps):
    assert problems(client.get(f"/slow?seconds={value}")) == [
        {"field": "seconds", "problem": f"must be a number between 0 and 10, got {value!r}"}
    ]
    assert sleeps == []


# --- orders and Idempotency-Key ----------------------------------------------------------------


def test_each_post_without_a_key_creates_an_order(client):
    first = client.post("/orders", json={"item": "coffee"}, base_url="https://api.example.com")
    assert first.status_code == 201
    assert first.headers["Location"] == "https://api.example.com/orders/1"
    assert "Idempotent-Replayed" not in first.headers
    order = {"id": 1, "item": "coffee", "quantity": 1, "created_at": "2025-03-10T10:00:00Z"}
    assert first.get_json() == order
    second = client.post("/orders", json={"item": "coffee"})
    assert second.get_json()["id"] == 2
    assert [o["id"] for o in client.get("/orders").get_json()] == [1, 2]
    assert client.get("/orders/1").get_json() == order


def test_a_repeated_idempotency_key_replays_the_first_answer(client):
    headers = {"Idempotency-Key": "order-7f3a"}
    body = {"item": "tea", "quantity": 2}
    first = client.post("/orders", json=body, headers=headers)
    again = client.post("/orders", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(client.get("/orders").get_json()) == 1
    other = client.post("/orders", json=body, headers={"Idempotency-Key": "order-8b1c"})
    assert other.get_json()["id"] == 2


def test_a_key_reused_with_another_body_is_409(client):
    client.post("/orders", json={"item": "tea"}, headers={"Idempotency-Key": "k1"})
    response = client.post("/orders", json={"item": "cake"}, headers={"Idempotency-Key": "k1"})
    assert_error(
        response,
        409,
        "conflict",
        "The Idempotency-Key 'k1' was already used with a different body. "
        "Use a new key for a new order; reuse a key only to retry the same one.",
    )
    assert len(client.get("/orders").get_json()) == 1


def test_an_empty_idempotency_key_is_400(client):
    response = client.post("/orders", json={"item": "tea"}, headers={"Idempotency-Key": " "})
    error = assert_error(response, 400, "bad_request")
    assert error["message"].startswith("The Idempotency-Key header must be 1 to 255 characters")


def test_fail_after_create_makes_blind_retries_duplicate(client):
    failed = client.post("/orders?fail_after_create=1", json={"item": "tea"})
    assert_error(failed, 503, "service_unavailable")
    assert len(client.get("/orders").get_json()) == 1  # created although the answer was 503
    retried = client.post("/orders?fail_after_create=1", json={"item": "tea"})
    assert retried.status_code == 201
    assert retried.get_json()["id"] == 2
    assert [o["item"] for o in client.get("/orders").get_json()] == ["tea", "tea"]


def test_fail_after_create_with_a_key_is_safe_to_retry(client):
    headers = {"Idempotency-Key": "retry-me"}
    statuses = []
    for _ in range(3):
        response = client.post("/orders?fail_after_create=2", json={"item": "tea"}, headers=headers)
        statuses.append(response.status_code)
    assert statuses == [503, 201, 201]
    assert response.headers["Idempotent-Replayed"] == "true"
    assert response.get_json()["id"] == 1
    assert len(client.get("/orders").get_json()) == 1


def test_delay_answers_late_after_creating(client, sleeps):
    response = client.post("/orders?delay=3", json={"item": "tea"})
    assert response.status_code == 201
    assert sleeps == [3.0]


def test_delay_past_a_read_timeout_still_creates_the_order(client):
    set_read_timeout(0.01)
    try:
        client.post("/orders?delay=5", json={"item": "tea"})
    finally:
        expired = clear_read_timeout()
    assert expired == 0.01
    assert len(client.get("/orders").get_json()) == 1


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, [{"field": "item", "problem": "is required"}]),
        ({"item": "tea", "quantity": 0}, [{"field": "quantity", "problem": "must be >= 1, got 0"}]),
        (
            {"item": "tea", "quantity": 101},
            [{"field": "quantity", "problem": "must be <= 100, got 101"}],
        ),
        (
            {"item": "tea", "quantity": "2"},
            [{"field": "quantity", "problem": "must be an integer, got string '2'"}],
        ),
        (
            {"item": "tea", "price": 3},
            [{"field": "price", "problem": "unknown field; allowed fields: item, quantity"}],
        ),
    ],
)
def test_order_validation(client, body, details):
    assert problems(client.post("/orders", json=body)) == details
    assert client.get("/orders").get_json() == []


def test_order_query_validation(client):
    assert problems(client.post("/orders?fail_after_create=6&delay=11", json={"item": "x"})) == [
        {"field": "fail_after_create", "problem": "must be an integer between 0 and 5, got '6'"},
        {"field": "delay", "problem": "must be a number between 0 and 10, got '11'"},
    ]


def test_orders_need_json(client):
    assert_error(client.post("/orders", data={"item": "tea"}), 415, "unsupported_media_type")


@pytest.mark.parametrize("order_id", ["1", "abc"])
def test_missing_order(client, order_id):
    assert_error(
        client.get(f"/orders/{order_id}"),
        404,
        "not_found",
        f"No order with id {order_id}. GET /orders lists the orders.",
    )
