"""Serving the simulated apps on 127.0.0.1: start, share state, real timeouts, keep-alive, stop."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest
import requests

from helpers import serve
from helpers.loopback import LoopbackServer
from helpers.services.httpbin_app import create_app


def test_serve_starts_and_stops():
    with serve("httpbin.org") as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        assert requests.get(f"{base_url}/get", timeout=5).json()["url"] == f"{base_url}/get"
        port = int(base_url.rsplit(":", 1)[1])
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_loopback_shares_the_simulators_state(sim):
    requests.post("https://api.example.com/todos", json={"title": "shared"}, timeout=5)
    with serve("api.example.com") as base_url:
        titles = [t["title"] for t in requests.get(f"{base_url}/todos", timeout=5).json()]
    assert "shared" in titles


def test_real_read_timeout_on_loopback():
    with serve("httpbin.org") as base_url:
        started = time.perf_counter()
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(f"{base_url}/delay/3", timeout=(1, 0.2))
        assert time.perf_counter() - started < 1.5


def test_connections_are_kept_alive_with_a_session_and_not_without():
    inner = create_app()
    client_ports: list[str] = []

    def recording_app(environ, start_response):
        client_ports.append(environ["REMOTE_PORT"])
        return inner(environ, start_response)

    server = LoopbackServer(recording_app).start()
    try:
        with requests.Session() as s:
            for _ in range(3):
                assert s.get(f"{server.base_url}/get", timeout=5).ok
        assert len(set(client_ports)) == 1, "one connection, reused"
        client_ports.clear()
        for _ in range(3):
            assert requests.get(f"{server.base_url}/get", timeout=5).ok
        assert len(set(client_ports)) == 3, "a new connection per call"
    finally:
        server.stop()
    assert not server.running


def test_serve_command_prints_urls_and_answers():
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers.serve"], stdout=subprocess.PIPE, text=True
    )
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        urls = dict(line.split() for line in lines)
        assert set(urls) == {
            "httpbin.org",
            "api.github.com",
            "api.example.com",
            "api.anthropic.com",
        }
        assert requests.get(urls["api.example.com"] + "/todos", timeout=5).ok
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_stopping_cuts_a_slow_response_short():
    with serve("api.example.com") as base_url:
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(f"{base_url}/slow?seconds=5", timeout=(1, 0.1))
        started = time.perf_counter()
    assert time.perf_counter() - started < 1, "stop() waited for the 5 s delay"
