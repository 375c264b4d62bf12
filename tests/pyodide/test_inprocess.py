"""The in-process transport (helpers.inprocess) and platform flags, checked on CPython.

The transport is what the loopback demos use in a browser; here it is forced on, so the same
behaviour is checked quickly without Pyodide: real urllib3 backoff sleeps, Retry-After,
connections counted, per-read timeouts, streaming, refused ports.
"""

from __future__ import annotations

import sys
import time

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import Retry

from helpers import inprocess, loopback, runtime
from helpers.hosts import get_host
from helpers.services import httpbin_app


@pytest.fixture(autouse=True)
def _restore_urllib3():
    yield
    HTTPConnectionPool._new_conn = inprocess._original_new_conn
    HTTPSConnectionPool._new_conn = inprocess._original_tls_new_conn


@pytest.fixture
def example():
    server = inprocess.InProcessServer(get_host("api.example.com").create_app()).start()
    yield server
    server.stop()


def test_serves_the_app_on_a_loopback_url(example):
    r = requests.get(f"{example.base_url}/todos/1", timeout=5)
    assert r.status_code == 200
    assert r.json()["id"] == 1
    assert example.base_url.startswith("http://127.0.0.1:")


def test_connections_counted_and_reused(example):
    for _ in range(3):
        requests.get(f"{example.base_url}/todos/1", timeout=5).raise_for_status()
    assert example.connections == 3
    with requests.Session() as session:
        for _ in range(3):
            session.get(f"{example.base_url}/todos/1", timeout=5).raise_for_status()
    assert example.connections == 4


def test_each_connection_has_its_own_client_port():
    ports = []

    def app(environ, start_response):
        ports.append(environ["REMOTE_PORT"])
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    server = inprocess.InProcessServer(app).start()
    try:
        with requests.Session() as session:
            session.get(server.base_url, timeout=5)
            session.get(server.base_url, timeout=5)
        requests.get(server.base_url, timeout=5)
    finally:
        server.stop()
    assert len(ports) == 3
    assert ports[0] == ports[1] != ports[2]


def test_read_timeout_after_the_timeout_not_the_delay(example):
    started = time.perf_counter()
    with pytest.raises(requests.exceptions.ReadTimeout, match=r"read timeout=0.2"):
        requests.get(f"{example.base_url}/slow?seconds=2", timeout=(3, 0.2))
    assert 0.2 <= time.perf_counter() - started < 1.5


def test_backoff_and_retry_after_really_sleep(example):
    retry = Retry(total=3, backoff_factor=0.1, status_forcelist=[429, 503])
    with requests.Session() as session:
        session.mount(f"{example.base_url}/", HTTPAdapter(max_retries=retry))
        started = time.perf_counter()
        healed = session.get(
            f"{example.base_url}/flaky", params={"failures": 2, "key": "t"}, timeout=5
        )
        assert healed.status_code == 200
        assert healed.json()["attempt"] == 3
        assert time.perf_counter() - started >= 0.2
        limits = {"limit": 1, "blocked": 1, "key": "t"}
        session.get(f"{example.base_url}/rate-limited", params=limits, timeout=5)
        started = time.perf_counter()
        waited = session.get(f"{example.base_url}/rate-limited", params=limits, timeout=5)
        assert waited.status_code == 200
        assert time.perf_counter() - started >= 1.0


def test_streamed_body_with_short_reads_under_the_read_timeout():
    server = inprocess.InProcessServer(httpbin_app.create_app()).start()
    try:
        started = time.perf_counter()
        r = requests.get(f"{server.base_url}/drip?duration=0.6&numbytes=4", timeout=(3, 0.3))
        took = time.perf_counter() - started
        streamed = requests.get(f"{server.base_url}/stream/3", timeout=5, stream=True)
        lines = list(streamed.iter_lines())
    finally:
        server.stop()
    assert r.content == b"****"
    assert took > 0.3
    assert len(lines) == 3


def test_post_body_reaches_the_app():
    server = inprocess.InProcessServer(httpbin_app.create_app()).start()
    try:
        r = requests.post(f"{server.base_url}/post", json={"a": 1}, timeout=5)
        chunked = requests.post(f"{server.base_url}/post", data=iter([b"ab", b"cd"]), timeout=5)
    finally:
        server.stop()
    assert r.json()["json"] == {"a": 1}
    assert chunked.json()["data"] == "abcd"


def test_works_behind_the_simulator(sim, example):
    r = requests.get(f"{example.base_url}/todos/2", timeout=5)
    assert r.json()["id"] == 2


def test_stopped_server_and_unknown_port_refuse_in_the_browser(example, monkeypatch):
    monkeypatch.setattr(inprocess, "can_listen", lambda: False)
    base = example.base_url
    example.stop()
    with pytest.raises(requests.exceptions.ConnectionError, match="refused"):
        requests.get(f"{base}/todos/1", timeout=5)
    with pytest.raises(requests.exceptions.ConnectionError) as refused:
        requests.get("http://127.0.0.1:9/", timeout=5)
    assert (
        "HTTPConnection(host='127.0.0.1', port=9): Failed to establish a new connection: "
        "[Errno 111] Connection refused"
    ) in str(refused.value)
    with pytest.raises(requests.exceptions.ConnectionError, match="refused"):
        requests.get(f"https://127.0.0.1:{example.port}/", timeout=5)


def test_port_taken_is_a_one_line_error(example):
    with pytest.raises(loopback.PortError, match="already in use"):
        inprocess.InProcessServer(lambda e, s: [], port=example.port)


def test_loopback_falls_back_where_nothing_can_listen(monkeypatch):
    monkeypatch.setattr(loopback, "can_listen", lambda: False)
    server = loopback.LoopbackServer(get_host("api.example.com").create_app())
    assert isinstance(server, inprocess.InProcessServer)
    server.start()
    try:
        assert requests.get(f"{server.base_url}/todos/1", timeout=5).ok
    finally:
        server.stop()
    with loopback.serve("api.example.com") as base:
        assert requests.get(f"{base}/todos/1", timeout=5).ok


def test_cpython_flags_and_needs_threads_prints_nothing(capsys):
    assert not runtime.in_browser()
    assert runtime.needs_threads("a thread pool") is True
    assert runtime.needs_sockets("a mute server") is True
    assert capsys.readouterr().out == ""


def test_needs_threads_in_the_browser_says_why_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(runtime, "IN_BROWSER", True)
    assert runtime.needs_threads("three requests at once need a thread pool") is False
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "three requests at once need a thread pool" in out
    assert "threads" in out


def test_brotlicffi_lent_only_while_httpbin_is_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "brotlicffi", raising=False)
    monkeypatch.setattr(httpbin_app.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setitem(sys.modules, "brotli", None)  # no brotli either: the stand-in
    with httpbin_app._brotlicffi_lent():
        lent = sys.modules["brotlicffi"]
        with pytest.raises(RuntimeError, match="brotli"):
            lent.compress(b"x")
    assert "brotlicffi" not in sys.modules
