"""The offline simulator: routing to apps, reset, typos, live switch, call log, faults."""

from __future__ import annotations

import os
import time

import pytest
import requests

from helpers import simulator
from helpers.hosts import DEMO_ENVIRONMENT, live_requested


def test_banner_names_hosts_and_live_switch(capsys):
    simulator.simulate(live=False)
    try:
        out = capsys.readouterr().out
        assert out.count("\n") == 1, "the banner is one line"
        for host in ("httpbin.org", "api.github.com", "api.example.com", "api.anthropic.com"):
            assert host in out
        assert "COURSE_LIVE=1" in out
    finally:
        simulator.stop()


def test_request_reaches_the_real_httpbin_app(sim):
    r = requests.get("https://httpbin.org/get", params={"a": ["1", "2"]}, timeout=5)
    assert r.status_code == 200
    assert r.json()["args"] == {"a": ["1", "2"]}
    assert r.json()["url"] == "https://httpbin.org/get?a=1&a=2"


def test_multipart_basic_auth_cookies_and_redirects_behave_like_a_server(sim):
    files = {"file": ("notes.txt", b"hello", "text/plain")}
    r = requests.post("https://httpbin.org/post", files=files, data={"k": "v"}, timeout=5)
    assert r.json()["files"] == {"file": "hello"} and r.json()["form"] == {"k": "v"}
    assert requests.get("https://httpbin.org/basic-auth/u/p", auth=("u", "p"), timeout=5).ok
    assert (
        requests.get("https://httpbin.org/basic-auth/u/p", auth=("u", "x"), timeout=5).status_code
        == 401
    )
    with requests.Session() as s:
        s.get("https://httpbin.org/cookies/set?flavour=oat", timeout=5)
        assert s.get("https://httpbin.org/cookies", timeout=5).json() == {
            "cookies": {"flavour": "oat"}
        }
    r = requests.get("https://httpbin.org/redirect/3", timeout=5)
    assert r.status_code == 200 and [h.status_code for h in r.history] == [302, 302, 302]


def test_http_scheme_works_for_httpbin_only(sim):
    assert requests.get("http://httpbin.org/get", timeout=5).ok
    with pytest.raises(simulator.UnknownHostError, match="only answers https://"):
        requests.get("http://api.github.com/users/octocat", timeout=5)


@pytest.mark.parametrize(
    "url", ["https://api.githb.com/users/x", "https://example.org/", "http://localhost.test/"]
)
def test_unknown_host_gets_a_short_helpful_message(sim, url):
    with pytest.raises(requests.exceptions.ConnectionError) as info:
        requests.get(url, timeout=5)
    message = str(info.value)
    assert "COURSE_LIVE=1" in message and "api.github.com" in message
    assert "Available matches" not in message and len(message) < 500


def test_unknown_path_gets_the_services_own_404(sim):
    r = requests.get("https://httpbin.org/no-such-page", timeout=5)
    assert r.status_code == 404


def test_simulate_again_resets_state():
    simulator.simulate(live=False, quiet=True)
    try:
        created = requests.post("https://api.example.com/todos", json={"title": "x"}, timeout=5)
        assert created.status_code == 201
        count = len(requests.get("https://api.example.com/todos", timeout=5).json())
        simulator.simulate(live=False, quiet=True)
        assert len(requests.get("https://api.example.com/todos", timeout=5).json()) == count - 1
        assert len(simulator.current().calls) == 1, "the call log starts empty"
    finally:
        simulator.stop()


def test_read_timeout_in_process_is_real_and_bounded(sim):
    started = time.perf_counter()
    with pytest.raises(requests.exceptions.ReadTimeout, match="Read timed out"):
        requests.get("https://httpbin.org/delay/5", timeout=(1, 0.2))
    assert 0.2 <= time.perf_counter() - started < 1.5


def test_slow_response_within_timeout_arrives(sim):
    assert requests.get("https://httpbin.org/delay/0.1", timeout=2).ok


def test_call_log_keeps_timeouts(sim):
    requests.get("https://httpbin.org/get", timeout=3)
    requests.get("https://httpbin.org/get", timeout=(1, 2))
    assert [c.timeout for c in sim.calls] == [3, (1, 2)]
    assert all(c.url.startswith("https://httpbin.org/get") for c in sim.calls)


def test_fail_next_uses_the_services_error_body(sim):
    sim.fail_next("api.anthropic.com", 529, times=2)
    headers = {"x-api-key": "demo-anthropic-key", "anthropic-version": "2023-06-01"}
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 20,
        "messages": [{"role": "user", "content": "hi"}],
    }
    statuses = [
        requests.post(
            "https://api.anthropic.com/v1/messages", json=body, headers=headers, timeout=5
        )
        for _ in range(3)
    ]
    assert [r.status_code for r in statuses] == [529, 529, 200]
    assert statuses[0].json()["error"]["type"] == "overloaded_error"


def test_offline_uses_demo_keys_and_sets_the_learners_own_aside(monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_TOKEN", "learners-own-token")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    simulator.simulate(live=False)
    try:
        assert os.environ["GITHUB_TOKEN"] == DEMO_ENVIRONMENT["GITHUB_TOKEN"]
        assert os.environ["ANTHROPIC_API_KEY"] == DEMO_ENVIRONMENT["ANTHROPIC_API_KEY"]
        banner = capsys.readouterr().out
        assert "Your own GITHUB_TOKEN is set aside while offline" in banner
        assert "learners-own-token" not in banner
        simulator.simulate(live=False, quiet=True)  # running setup again keeps the original
    finally:
        simulator.stop()
    assert os.environ["GITHUB_TOKEN"] == "learners-own-token"
    assert "ANTHROPIC_API_KEY" not in os.environ


def test_live_mode_keeps_the_learners_own_keys(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "learners-own-token")
    monkeypatch.setenv("EXAMPLE_API_KEY", "demo-reader-key")
    simulator.simulate(live=True, quiet=True)
    try:
        assert os.environ["GITHUB_TOKEN"] == "learners-own-token"
        assert os.environ["EXAMPLE_API_KEY"] == "demo-reader-key"
    finally:
        simulator.stop()


def test_live_mode_keeps_example_simulated_and_lets_real_hosts_through(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    sim = simulator.simulate(live=True, quiet=True)
    try:
        assert [h.host for h in sim.hosts] == ["api.example.com"]
        assert os.environ.get("ANTHROPIC_API_KEY") != DEMO_ENVIRONMENT["ANTHROPIC_API_KEY"]
        assert requests.get("https://api.example.com/todos", timeout=5).ok
        assert requests.get("https://httpbin.org/get", timeout=5).ok
        assert [getattr(c.request, "_course_route", None) for c in sim.calls] == [
            "simulated",
            "passed-through",
        ]
        assert "live mode" in sim.banner().lower()
    finally:
        simulator.stop()


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("", False), ("0", False)]
)
def test_live_switch_values(value, expected):
    assert live_requested({"COURSE_LIVE": value}) is expected


def test_current_without_simulate_explains_what_to_do():
    simulator.stop()
    with pytest.raises(RuntimeError, match="setup cell"):
        simulator.current()


def test_reason_phrases_are_the_servers_own_on_every_python(sim):
    r = requests.post("https://api.example.com/todos", json={"title": ""}, timeout=5)
    assert (r.status_code, r.reason) == (422, "Unprocessable Entity")
    r = requests.get("https://httpbin.org/status/413", timeout=5)
    assert r.reason == "Request Entity Too Large"
