"""Rate limiting of the simulated api.anthropic.com as the real API applies it, seen through
requests: retrying at once after a 429 fails; waiting ``retry-after`` (by hand, or through a
mounted ``urllib3.Retry``) succeeds, in-process behind ``responses`` and on a real socket."""

from __future__ import annotations

import time

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from helpers.loopback import LoopbackServer
from helpers.services import _common
from helpers.services.anthropic import HOST, create_app, ratelimit

API = "https://api.anthropic.com/v1/messages"
HEADERS = {"x-api-key": "demo-anthropic-key", "anthropic-version": "2023-06-01"}
BODY = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 50,
    "messages": [{"role": "user", "content": "Say hello"}],
}


def spend_the_window(session, url, limit=2):
    for _ in range(limit):
        assert session.post(url, json=BODY, headers=HEADERS, timeout=5).status_code == 200


@pytest.fixture
def app(sim):
    app = sim.app(HOST)
    app.config["ANTHROPIC_REQUESTS_LIMIT"] = 2
    return app


def honouring_retry(**overrides):
    options = {"total": 3, "status_forcelist": {429}, "allowed_methods": {"POST"}}
    return Retry(**{**options, **overrides})


def test_retrying_at_once_is_refused_again_with_a_new_retry_after(app):
    with requests.Session() as session:
        spend_the_window(session, API)
        first = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert first.status_code == 429
        assert first.headers["retry-after"] == "1"
        for _ in range(3):
            again = session.post(API, json=BODY, headers=HEADERS, timeout=5)
            assert again.status_code == 429
            assert again.json()["error"]["type"] == "rate_limit_error"
            assert again.headers["retry-after"] == "1"
            assert again.headers["request-id"] != first.headers["request-id"]


def test_sleeping_retry_after_yourself_succeeds(app):
    with requests.Session() as session:
        spend_the_window(session, API)
        refused = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert refused.status_code == 429
        time.sleep(int(refused.headers["retry-after"]))
        retried = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert retried.status_code == 200
        assert retried.headers["anthropic-ratelimit-requests-remaining"] == "1"


def test_a_mounted_retry_that_honours_retry_after_succeeds_in_process(app, sim):
    with requests.Session() as session:
        spend_the_window(session, API)
        session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=honouring_retry()))
        before = len(sim.calls)
        response = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert response.status_code == 200
        statuses = [call.response.status_code for call in sim.calls[before:]]
        assert statuses == [429, 200]


def test_a_mounted_retry_that_ignores_retry_after_fails(app, sim):
    retry = honouring_retry(respect_retry_after_header=False, raise_on_status=False)
    with requests.Session() as session:
        spend_the_window(session, API)
        session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=retry))
        before = len(sim.calls)
        response = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert response.status_code == 429
        assert [call.response.status_code for call in sim.calls[before:]] == [429] * 4


def test_an_injected_429_fails_only_the_injected_request(app, sim):
    """``sim.fail_next(host, 429)`` is a one-off fault: it does not start a wait."""
    sim.fail_next(HOST, 429)
    with requests.Session() as session:
        refused = session.post(API, json=BODY, headers=HEADERS, timeout=5)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert session.post(API, json=BODY, headers=HEADERS, timeout=5).status_code == 200


def test_an_injected_529_has_no_retry_after(app, sim):
    sim.fail_next(HOST, 529)
    response = requests.post(API, json=BODY, headers=HEADERS, timeout=5)
    assert response.status_code == 529
    assert "retry-after" not in response.headers
    assert response.headers["x-should-retry"] == "true"


# ---------------------------------------------------------------- on a real socket


@pytest.fixture
def served():
    app = create_app()
    app.config["ANTHROPIC_REQUESTS_LIMIT"] = 2
    server = LoopbackServer(app).start()
    try:
        yield f"{server.base_url}/v1/messages"
    finally:
        server.stop()


def test_on_a_socket_retrying_at_once_is_refused(served):
    with requests.Session() as session:
        spend_the_window(session, served)
        assert session.post(served, json=BODY, headers=HEADERS, timeout=5).status_code == 429
        assert session.post(served, json=BODY, headers=HEADERS, timeout=5).status_code == 429


def test_on_a_socket_a_mounted_retry_really_waits_and_succeeds(served):
    with requests.Session() as session:
        spend_the_window(session, served)
        session.mount("http://127.0.0.1", HTTPAdapter(max_retries=honouring_retry()))
        started = time.monotonic()
        response = session.post(served, json=BODY, headers=HEADERS, timeout=5)
        assert response.status_code == 200
        assert time.monotonic() - started >= 0.9


# ---------------------------------------------------------------- the services' clock


def test_in_process_a_honoured_retry_after_is_counted_on_the_clock_not_slept(app, sim):
    with requests.Session() as session:
        spend_the_window(session, API)
        session.mount("https://api.anthropic.com/", HTTPAdapter(max_retries=honouring_retry()))
        clock, started = _common.now(), time.monotonic()
        assert session.post(API, json=BODY, headers=HEADERS, timeout=5).status_code == 200
    assert time.monotonic() - started < 1, "in-process retries stay fast"
    assert _common.now() - clock >= 1, "urllib3 would have slept retry-after: 1"


@pytest.mark.parametrize("where", ["in-process", "loopback"])
def test_a_retry_ignoring_retry_after_succeeds_once_its_backoff_covers_the_wait(where, app, sim):
    """Backoff 0 s, then 2 s: the second retry comes after the 1 s wait, in-process too."""
    retry = honouring_retry(respect_retry_after_header=False, backoff_factor=1)
    with requests.Session() as session:
        url = API
        if where == "loopback":
            server = LoopbackServer(app).start()
            url = f"{server.base_url}/v1/messages"
        try:
            spend_the_window(session, url)
            session.mount(url.rsplit("/v1/", 1)[0] + "/", HTTPAdapter(max_retries=retry))
            before = len(sim.calls)
            assert session.post(url, json=BODY, headers=HEADERS, timeout=5).status_code == 200
        finally:
            if where == "loopback":
                server.stop()
    if where == "in-process":
        statuses = [call.response.status_code for call in sim.calls[before:]]
        assert statuses == [429, 429, 200]


def test_the_rate_limiter_reads_the_services_clock_not_the_call_stack():
    assert not hasattr(ratelimit, "_retried_by_urllib3_honouring_retry_after")
    limiter = ratelimit.RateLimiter()
    assert limiter.admit(limit=1, retry_after=5) is None
    assert limiter.admit(limit=1, retry_after=5) == 5
    _common.advance_clock(5)
    assert limiter.admit(limit=1, retry_after=5) is None
