"""Live mode as documented: the switch, the keys, the pass-through, short errors, the log.

Nothing here reaches the internet: live mode runs as a rehearsal (``COURSE_LIVE_REHEARSAL=1``),
whose "internet" is loopback copies of the services, or against closed ports on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from helpers import live, simulator
from helpers.calllog import LOG_SIZE
from helpers.hosts import DEMO_ENVIRONMENT, HOSTS, lookup
from helpers.loopback import serve
from helpers.rehearsal import Rehearsal, StandInAdapter


@pytest.fixture
def rehearsal(monkeypatch):
    monkeypatch.setenv("COURSE_LIVE_REHEARSAL", "1")
    for name in DEMO_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    yield
    simulator.stop()


@pytest.fixture
def online(monkeypatch):
    """Live mode towards the real internet, which is never reached: no request is sent."""
    monkeypatch.setattr(live, "unreachable", lambda targets, seconds=2.0: [])
    for name in DEMO_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    yield
    simulator.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_course_live_switches_and_simulate_live_true_too(rehearsal, monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    assert simulator.simulate(quiet=True).live
    monkeypatch.delenv("COURSE_LIVE")
    assert not simulator.simulate(quiet=True).live
    assert simulator.simulate(live=True, quiet=True).live


def test_banner_says_how_to_switch_both_ways(rehearsal, capsys):
    simulator.simulate(live=False)
    offline = capsys.readouterr().out
    assert "simulate(live=True)" in offline and "COURSE_LIVE=1" in offline
    assert "restart" not in offline, "a restart drops a variable set inside the notebook"
    simulator.simulate(live=True)
    online = capsys.readouterr().out
    assert "simulate(live=False)" in online and online.count("\n") == 1


def test_switching_never_leaves_demo_keys_for_a_real_service(online, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "learners-own-token")
    simulator.simulate(live=False, quiet=True)
    assert os.environ["GITHUB_TOKEN"] == DEMO_ENVIRONMENT["GITHUB_TOKEN"]
    assert os.environ["ANTHROPIC_API_KEY"] == DEMO_ENVIRONMENT["ANTHROPIC_API_KEY"]
    simulator.simulate(live=True, quiet=True)  # no restart
    assert os.environ["GITHUB_TOKEN"] == "learners-own-token"
    assert "ANTHROPIC_API_KEY" not in os.environ, "a demo key never stays for a real service"
    assert os.environ["EXAMPLE_API_KEY"] == DEMO_ENVIRONMENT["EXAMPLE_API_KEY"], "still simulated"
    simulator.simulate(live=False, quiet=True)
    assert os.environ["GITHUB_TOKEN"] == DEMO_ENVIRONMENT["GITHUB_TOKEN"]
    simulator.stop()
    assert os.environ["GITHUB_TOKEN"] == "learners-own-token"
    assert "ANTHROPIC_API_KEY" not in os.environ and "EXAMPLE_API_KEY" not in os.environ


def test_a_demo_key_is_not_sent_to_a_real_host(rehearsal):
    sim = simulator.simulate(live=True, quiet=True)
    demo = DEMO_ENVIRONMENT["GITHUB_TOKEN"]
    with pytest.raises(live.DemoKeyRefused, match="Not sent") as info:
        requests.get(
            "https://api.github.com/user", headers={"Authorization": f"Bearer {demo}"}, timeout=5
        )
    assert "\n" not in str(info.value)
    assert sim.calls[-1].error is info.value, "the refused request is in the log"


def test_every_real_services_demo_key_is_refused_but_not_the_fictional_apis(rehearsal):
    simulator.simulate(live=True, quiet=True)
    for name in ("GITHUB_TOKEN", "ANTHROPIC_API_KEY"):
        with pytest.raises(live.DemoKeyRefused, match=name):
            requests.get(
                "https://httpbin.org/headers",
                headers={"X-Key": DEMO_ENVIRONMENT[name]},
                timeout=5,
            )
    # api.example.com's public demo key opens nothing real: notebook 04 shows it following a
    # redirect from httpbin.org, live too
    echoed = requests.get(
        "https://httpbin.org/headers",
        headers={"X-API-Key": DEMO_ENVIRONMENT["EXAMPLE_API_KEY"]},
        timeout=5,
    )
    assert echoed.status_code == 200


def test_live_setup_says_which_keys_are_missing(online, capsys):
    simulator.simulate(live=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "GITHUB_TOKEN and ANTHROPIC_API_KEY are not set" in lines[1]


def test_a_rehearsal_plays_a_learner_with_own_keys(rehearsal):
    simulator.simulate(live=True, quiet=True)
    own = os.environ["GITHUB_TOKEN"]
    assert own != DEMO_ENVIRONMENT["GITHUB_TOKEN"]
    r = requests.get(
        "https://api.github.com/rate_limit", headers={"Authorization": f"Bearer {own}"}, timeout=5
    )
    assert r.status_code == 200 and r.headers["x-ratelimit-limit"] == "5000"
    assert requests.get("https://api.github.com/no/such/thing", timeout=5).reason == "Not Found"


def test_http_passes_through_live_as_it_is_simulated_offline(rehearsal):
    for mode in (False, True):
        sim = simulator.simulate(live=mode, quiet=True)
        for host in ("httpbin.org", "jsonplaceholder.typicode.com"):
            r = requests.get(f"http://{host}/", timeout=5)
            assert r.status_code < 500, (mode, host)
        route = "passed-through" if mode else "simulated"
        assert {c.request._course_route for c in sim.calls} == {route}


def test_the_rehearsal_stand_in_sees_the_request_as_the_real_host_would(rehearsal):
    simulator.simulate(live=True, quiet=True)
    r = requests.get("https://httpbin.org/get?x=1", timeout=5)
    assert r.json()["url"] == "https://httpbin.org/get?x=1"
    assert r.json()["headers"]["Host"] == "httpbin.org"
    assert r.url == "https://httpbin.org/get?x=1"
    assert isinstance(r.connection, requests.adapters.HTTPAdapter)


@pytest.mark.parametrize(
    "url",
    [
        "http://api.github.com/users/octocat?api_key=sk-secret-123",
        "http://me:hunter2@api.github.com/user?access_token=sk-secret-123",
    ],
)
@pytest.mark.parametrize("mode", [False, True])
def test_the_http_hint_prints_no_credentials(rehearsal, url, mode):
    simulator.simulate(live=mode, quiet=True)
    with pytest.raises(simulator.UnknownHostError) as info:
        requests.get(url, timeout=5)
    message = str(info.value)
    assert "only answers https://" in message
    assert "sk-secret-123" not in message and "hunter2" not in message and "?" not in message


def test_dispatch_is_by_host_name_any_case_and_port_aware(sim):
    assert requests.get("https://API.GitHub.COM:443/zen", timeout=5).ok
    assert requests.get("https://api.github.com./zen", timeout=5).ok
    with pytest.raises(simulator.UnknownHostError, match="port 443") as info:
        requests.get("https://api.github.com:8443/zen", timeout=5)
    assert "\n" not in str(info.value)
    with pytest.raises(simulator.UnknownHostError, match="simulated hosts are"):
        requests.get("https://api.github.com.evil.test/zen", timeout=5)
    assert all(lookup(h.host.upper()) is h for h in HOSTS)


def test_jsonplaceholder_is_a_host_with_a_real_twin():
    record = lookup("jsonplaceholder.typicode.com")
    assert record is not None and record.has_real_twin and record.schemes == ("https", "http")


def test_unreachable_is_checked_in_parallel_within_two_seconds():
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        targets = {
            "up": listening.getsockname(),
            "down": ("127.0.0.1", closed_port()),
            "nodns": ("no-such-host.invalid", 443),
        }
        started = time.monotonic()
        missing = live.unreachable(targets)
        assert time.monotonic() - started <= 2.3
    assert missing == ["down", "nodns"]


def test_setup_cell_names_what_is_unreachable_in_one_line(rehearsal, monkeypatch, capsys):
    dead = {h.host: ("127.0.0.1", closed_port()) for h in HOSTS if h.host == "api.github.com"}
    monkeypatch.setattr("helpers.rehearsal.Rehearsal.targets", lambda self, records: dead)
    simulator.simulate(live=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "No connection to api.github.com" in lines[1]


def test_live_connection_errors_are_one_line(rehearsal, monkeypatch):
    import urllib3

    port = closed_port()

    def nowhere(self, adapter, record, scheme):
        return StandInAdapter(adapter, urllib3.HTTPConnectionPool("127.0.0.1", port))

    monkeypatch.setattr("helpers.rehearsal.Rehearsal.stand_in", nowhere)
    sim = simulator.simulate(live=True, quiet=True)
    with pytest.raises(requests.exceptions.ConnectionError) as info:
        requests.get("https://api.github.com/zen", timeout=2)
    message = str(info.value)
    assert message == (
        "Live mode: cannot reach api.github.com: the connection was refused. "
        "Check your network, or run simulate(live=False) to work offline."
    )
    assert info.value.__suppress_context__, "no chain of urllib3 exceptions in the traceback"
    assert sim.calls[-1].error is info.value


def test_the_request_log_is_a_bounded_ring_with_an_exact_count(sim):
    def rss_mib() -> float:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    sim.fail_next("httpbin.org", 503, times=20_000)  # the quickest answer the simulator has
    with requests.Session() as session:
        session.trust_env = False
        sent = session.prepare_request(requests.Request("POST", "https://httpbin.org/anything"))

        def send(n: int) -> None:  # each request with its own 2 kB body, as a loop would send
            request = sent.copy()
            request.body = b"%06d" % n + b"x" * 2000
            session.send(request, timeout=5)

        for n in range(4_000):
            send(n)
        before = rss_mib()
        for n in range(4_000, 20_000):
            send(n)
        grown = rss_mib() - before
    assert sim.request_count == 20_000
    assert len(sim.calls) == LOG_SIZE == 1_000
    assert grown < 25, f"the kernel grew {grown:.0f} MiB over 16,000 requests"
    started = time.perf_counter()
    assert len(sim.calls) == LOG_SIZE
    assert time.perf_counter() - started < 0.5, "reading the log is cheap"


# -- pass-through retries, serve() live ---------------------------------------------------------


class CountingRehearsal(Rehearsal):
    """A fresh stand-in internet that counts the requests its loopback copies answer."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []

    def _app(self, record):
        app = super()._app(record)

        def counted(environ, start_response):
            self.hits.append(environ.get("PATH_INFO", ""))
            return app(environ, start_response)

        return counted


@pytest.fixture
def counted(rehearsal, monkeypatch):
    internet = CountingRehearsal()
    monkeypatch.setattr("helpers.rehearsal._rehearsal", internet)
    yield internet
    simulator.stop()
    internet.stop()


@pytest.mark.parametrize("raise_on_status", [False, True])
def test_a_passed_through_request_is_retried_by_urllib3_only(counted, raise_on_status):
    sim = simulator.simulate(live=True, quiet=True)
    retry = Retry(total=2, status_forcelist=[503], raise_on_status=raise_on_status)
    with requests.Session() as session:
        session.mount("https://", HTTPAdapter(max_retries=retry))
        if raise_on_status:
            with pytest.raises(requests.exceptions.RetryError):
                session.get("https://httpbin.org/status/503", timeout=5)
        else:
            assert session.get("https://httpbin.org/status/503", timeout=5).status_code == 503
    assert counted.hits == ["/status/503"] * 3, "one send, retried twice inside urllib3"
    assert len(sim.calls) == 1 and sim.calls[0].request._course_route == "passed-through"


def test_serve_live_takes_the_learners_own_key_on_loopback(counted):
    simulator.simulate(live=True, quiet=True)
    own = os.environ["ANTHROPIC_API_KEY"]
    assert own != DEMO_ENVIRONMENT["ANTHROPIC_API_KEY"]
    body = {
        "model": "claude-haiku-4-5",
        "max_tokens": 20,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    headers = {"x-api-key": own, "anthropic-version": "2023-06-01"}
    with serve("api.anthropic.com") as base:
        assert base.startswith("http://127.0.0.1:")
        r = requests.post(f"{base}/v1/messages", json=body, headers=headers, timeout=5)
    assert r.status_code == 200, r.text
    assert own not in r.text
    assert counted.hits == [], "served by the kernel's twin, not sent to the (stand-in) internet"
    headers["x-api-key"] = "someone-elses-key"
    with serve("api.anthropic.com") as base:
        r = requests.post(f"{base}/v1/messages", json=body, headers=headers, timeout=5)
    assert r.status_code == 401, "only the learner's own key is taken"
