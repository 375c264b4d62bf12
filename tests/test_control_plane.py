"""The simulator's public control plane: faults, broken streams, rate limits, the request log."""

from __future__ import annotations

import os
import time

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util import Retry

from helpers import simulator
from helpers.services import _common
from helpers.simulator import ReplacedSimulationError, Simulator

ANTHROPIC = "https://api.anthropic.com/v1/messages"
ANTHROPIC_HEADERS = {"anthropic-version": "2023-06-01"}


def ask(key: str = "demo-anthropic-key", **extra) -> requests.Response:
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 20,
        "messages": [{"role": "user", "content": "What is an API?"}],
        **extra,
    }
    headers = {**ANTHROPIC_HEADERS, "x-api-key": key}
    return requests.post(ANTHROPIC, json=body, headers=headers, timeout=5)


def test_fail_next_on_httpbin_fails_like_its_status_endpoint(sim):
    sim.fail_next("httpbin.org", 503, times=2, headers={"Retry-After": "1"})
    statuses = [requests.get("https://httpbin.org/get", timeout=5) for _ in range(3)]
    assert [r.status_code for r in statuses] == [503, 503, 200]
    assert statuses[0].headers["Retry-After"] == "1"
    assert statuses[0].content == b""


def test_fail_next_uses_the_services_own_error_body(sim):
    sim.fail_next("API.GitHub.com", 503)  # host names are case-insensitive
    r = requests.get("https://api.github.com/rate_limit", timeout=5)
    assert r.status_code == 503 and "message" in r.json()


@pytest.mark.parametrize(
    ("verb", "args", "expected"),
    [
        ("fail_next", ("api.githb.com", 503), "not a simulated host"),
        ("fail_next", ("httpbin.org", 200), "error status"),
        ("break_next_stream", ("api.github.com",), "only api.anthropic.com"),
        ("spend_rate_limit", ("httpbin.org",), "only api.github.com"),
    ],
)
def test_a_wrong_control_call_gets_one_line(sim, verb, args, expected):
    with pytest.raises(ValueError, match=expected) as info:
        getattr(sim, verb)(*args)
    assert "\n" not in str(info.value)


def test_break_next_stream(sim):
    sim.break_next_stream(times=1)
    broken = ask(stream=True)
    assert "event: error" in broken.text and "overloaded_error" in broken.text
    assert "event: message_stop" in ask(stream=True).text


def test_spend_rate_limit_leaves_what_was_asked(sim):
    sim.spend_rate_limit("api.github.com", remaining=1)
    first = requests.get("https://api.github.com/rate_limit", timeout=5)
    assert first.json()["resources"]["core"]["remaining"] <= 1
    user = requests.get("https://api.github.com/users/octocat", timeout=5)
    assert user.headers["x-ratelimit-remaining"] == "0"
    refused = requests.get("https://api.github.com/users/octocat", timeout=5)
    assert refused.status_code in (403, 429)


def test_record_gives_the_calls_made_inside_the_block(sim):
    requests.get("https://httpbin.org/get", timeout=5)
    with sim.record() as calls:
        requests.get("https://httpbin.org/anything/1", timeout=5)
        assert len(calls) == 1, "the recording is live inside the block"
        requests.get("https://httpbin.org/anything/2", timeout=(1, 2))
    requests.get("https://httpbin.org/get", timeout=5)
    assert [c.url.rsplit("/", 1)[1] for c in calls] == ["1", "2"]
    assert calls[1].timeout == (1, 2)


def test_request_count_and_reset(sim):
    requests.post("https://api.example.com/todos", json={"title": "x"}, timeout=5)
    before = len(requests.get("https://api.example.com/todos", timeout=5).json())
    assert sim.request_count == 2 and len(sim.calls) == 2
    sim.reset()
    assert sim.request_count == 0 and sim.calls == []
    assert len(requests.get("https://api.example.com/todos", timeout=5).json()) == before - 1


def test_an_old_handle_says_it_was_replaced():
    old = simulator.simulate(live=False, quiet=True)
    try:
        new = simulator.simulate(live=False, quiet=True)
        for use in (
            lambda: old.fail_next("api.github.com", 503),
            lambda: old.calls,
            lambda: old.request_count,
            lambda: old.reset(),
            lambda: old.break_next_stream(),
        ):
            with pytest.raises(ReplacedSimulationError, match="use the new one") as info:
                use()
            assert "\n" not in str(info.value)
        new.fail_next("api.github.com", 503)
        assert requests.get("https://api.github.com/zen", timeout=5).status_code == 503
    finally:
        simulator.stop()


def test_a_private_simulator_nests_and_leaves_the_learners_alone(sim):
    sim.fail_next("httpbin.org", 500)
    environment = dict(os.environ)
    private = Simulator(live=False).start()
    try:
        assert simulator.current() is sim
        assert requests.get("https://httpbin.org/get", timeout=5).status_code == 200
        assert len(private.calls) == 1 and sim.request_count == 0
    finally:
        private.stop()
    assert dict(os.environ) == environment
    assert requests.get("https://httpbin.org/get", timeout=5).status_code == 500
    assert sim.request_count == 1


def test_live_controls_use_a_private_twin_and_say_so(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    monkeypatch.setenv("GITHUB_TOKEN", "learners-own-token")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        sim.fail_next("api.github.com", 503, times=2)
        line = capsys.readouterr().out
        assert line.count("\n") == 1 and "simulated twin" in line and "next 3 request" in line
        auth = {"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}"}
        statuses = [
            requests.get("https://api.github.com/user", headers=auth, timeout=5).status_code
            for _ in range(3)
        ]
        assert statuses == [503, 503, 200], "the twin accepts the learner's own key"
        assert [c.request._course_route for c in sim.calls] == ["simulated"] * 3
        requests.get("https://api.github.com/zen", timeout=5)  # the demo is over
        assert sim.calls[-1].request._course_route == "passed-through"
        assert sim.request_count == 4, "live requests are in the log too"
    finally:
        simulator.stop()


def test_live_demos_take_exactly_their_requests_from_the_real_service(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        sim.fail_next("httpbin.org", 503, times=2)
        sim.fail_next("httpbin.org", 429)  # same demo: one outcome request in all
        assert "next 4 request" in capsys.readouterr().out.splitlines()[-1]
        answers = [requests.get("https://httpbin.org/get", timeout=5) for _ in range(5)]
        statuses = [r.status_code for r in answers]
        assert statuses == [503, 503, 429, 200, 200]
        routes = [c.request._course_route for c in sim.calls]
        assert routes == ["simulated"] * 4 + ["passed-through"]

        sim.spend_rate_limit("api.github.com", remaining=4)
        sim.spend_rate_limit("api.github.com", remaining=1)  # the twin's budget counts
        assert "next 2 request" in capsys.readouterr().out.splitlines()[-1]
        answers = [requests.get("https://api.github.com/zen", timeout=5) for _ in range(3)]
        assert [r.status_code for r in answers[:2]] == [200, 403]
        assert sim.calls[-1].request._course_route == "passed-through"
    finally:
        simulator.stop()


def test_spend_rate_limit_for_the_learners_token_live(monkeypatch):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    monkeypatch.setenv("GITHUB_TOKEN", "learners-own-token")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        sim.spend_rate_limit("api.github.com", remaining=0, token=os.environ["GITHUB_TOKEN"])
        auth = {"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}"}
        r = requests.get("https://api.github.com/zen", headers=auth, timeout=5)
        assert r.status_code in (403, 429) and r.headers["x-ratelimit-limit"] == "5000"
    finally:
        simulator.stop()


# -- transport faults and the unicode stream --------------------------------------------------


def test_fail_next_timeout_raises_the_read_timeout_a_socket_raises_and_waits_nothing(sim):
    sim.fail_next("httpbin.org", "timeout")
    clock, started = _common.now(), time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout) as caught:
        requests.get("https://httpbin.org/get", timeout=(3, 7))
    assert str(caught.value) == (
        "HTTPSConnectionPool(host='httpbin.org', port=443): Read timed out. (read timeout=7)"
    )
    assert isinstance(caught.value.args[0], ReadTimeoutError)
    assert time.monotonic() - started < 1, "not waited in the kernel"
    assert _common.now() - clock >= 7, "the wait is counted on the services' clock"
    assert requests.get("https://httpbin.org/get", timeout=5).status_code == 200
    assert isinstance(sim.calls[0].error, requests.exceptions.ReadTimeout)


def test_a_batch_with_a_read_retry_survives_a_timeout(sim):
    sim.fail_next("api.anthropic.com", "timeout", times=2)
    retry = Retry(total=3, read=2, allowed_methods={"POST"})
    with requests.Session() as session:
        session.mount("https://", HTTPAdapter(max_retries=retry))
        answer = session.post(
            ANTHROPIC,
            json={
                "model": "claude-haiku-4-5",
                "max_tokens": 20,
                "messages": [{"role": "user", "content": "Hi"}],
            },
            headers={**ANTHROPIC_HEADERS, "x-api-key": "demo-anthropic-key"},
            timeout=(3, 30),
        )
    assert answer.status_code == 200
    assert [type(c.error).__name__ if c.error else c.response.status_code for c in sim.calls] == [
        "ReadTimeout",
        "ReadTimeout",
        200,
    ]


def test_a_post_is_not_retried_after_a_timeout_by_default(sim):
    sim.fail_next("api.example.com", "timeout")
    with requests.Session() as session:
        session.mount("https://", HTTPAdapter(max_retries=Retry(total=3)))  # POST not allowed
        with pytest.raises(requests.exceptions.ReadTimeout):
            session.post("https://api.example.com/todos", json={"title": "x"}, timeout=5)
    assert sim.request_count == 1


def test_fail_next_connect_timeout_raises_connect_timeout(sim):
    sim.fail_next("api.github.com", "connect-timeout")
    with pytest.raises(requests.exceptions.ConnectTimeout, match=r"connect timeout=2\)"):
        requests.get("https://api.github.com/zen", timeout=(2, 9))
    assert requests.get("https://api.github.com/zen", timeout=5).status_code == 200


def test_a_timeout_demo_runs_live_on_the_private_twin(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        sim.fail_next("httpbin.org", "timeout")
        line = capsys.readouterr().out
        assert line.count("\n") == 1 and "simulated twin" in line and "next 2 request" in line
        with pytest.raises(requests.exceptions.ReadTimeout, match=r"httpbin\.org"):
            requests.get("https://httpbin.org/get", timeout=5)
        assert requests.get("https://httpbin.org/get", timeout=5).status_code == 200
        requests.get("https://httpbin.org/get", timeout=5)
        routes = [c.request._course_route for c in sim.calls]
        assert routes == ["simulated", "simulated", "passed-through"]
    finally:
        simulator.stop()


def test_send_unicode_stream(sim):
    sim.send_unicode_stream()
    odd = ask(stream=True)
    assert "\u2028" in odd.content.decode("utf-8") and "event: error" in odd.text
    assert "\u2028" not in ask(stream=True).content.decode("utf-8")
    with pytest.raises(ValueError, match=r"only api\.anthropic\.com"):
        sim.send_unicode_stream("api.github.com")


def test_send_unicode_stream_live_uses_the_private_twin(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        sim.send_unicode_stream()
        assert "simulated twin" in capsys.readouterr().out
        odd = ask(os.environ["ANTHROPIC_API_KEY"], stream=True)
        assert "\u2028" in odd.content.decode("utf-8")
        assert sim.calls[-1].request._course_route == "simulated"
    finally:
        simulator.stop()


def test_reset_drops_queued_timeout_faults():
    from helpers.simulator import simulate, stop

    sim = simulate(quiet=True)
    try:
        sim.fail_next("api.example.com", "timeout")
        sim.reset()
        assert requests.get("https://api.example.com/todos", timeout=5).status_code == 200
    finally:
        stop()
