"""Serving the simulated apps on 127.0.0.1: start, share state, real timeouts, keep-alive, stop."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

from helpers import serve
from helpers.loopback import LoopbackServer, PortError
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


# -- hardening: abandoned work, idle connections, ports ------------------------------------------
def _abandon_slow_requests(base_url: str, count: int, seconds: int = 8) -> None:
    """``count`` clients that ask for a slow answer and give up after 0.2 s, all at once."""

    def give_up() -> None:
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(f"{base_url}/slow?seconds={seconds}", timeout=(1, 0.2))

    threads = [threading.Thread(target=give_up) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)


def test_abandoned_slow_requests_do_not_starve_the_server():
    with serve("api.example.com") as base_url:
        _abandon_slow_requests(base_url, 16)
        started = time.perf_counter()
        assert requests.get(f"{base_url}/todos", timeout=(1, 2)).ok
        elapsed = time.perf_counter() - started
        assert elapsed < 1, f"a fast request waited {elapsed:.1f} s behind abandoned slow ones"


def test_a_client_giving_up_ends_the_simulated_work():
    seen: list[float] = []
    inner = create_app()

    def timed(environ, start_response):
        started = time.perf_counter()
        try:
            return inner(environ, start_response)
        finally:
            seen.append(time.perf_counter() - started)

    server = LoopbackServer(timed).start()
    try:
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(f"{server.base_url}/delay/5", timeout=(1, 0.2))
        deadline = time.monotonic() + 3
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.stop()
    assert seen and seen[0] < 1.5, f"the delay ran on for {seen} s after the client left"


def test_idle_connections_do_not_lock_new_clients_out():
    with serve("api.example.com") as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        idle = [socket.create_connection(("127.0.0.1", port), timeout=2) for _ in range(110)]
        try:
            started = time.perf_counter()
            assert requests.get(f"{base_url}/todos/1", timeout=(1, 2)).ok
            assert time.perf_counter() - started < 1
        finally:
            for sock in idle:
                sock.close()


def test_stop_is_bounded_with_slow_requests_in_flight():
    outcomes: list[str] = []

    def client(base_url: str) -> None:
        try:
            requests.get(f"{base_url}/slow?seconds=8", timeout=(1, 10))
            outcomes.append("answered")
        except requests.exceptions.ConnectionError:  # queued when the server stopped
            outcomes.append("closed")

    with serve("api.example.com") as base_url:
        clients = [threading.Thread(target=client, args=(base_url,)) for _ in range(12)]
        for thread in clients:
            thread.start()
        time.sleep(0.3)
        started = time.perf_counter()
    assert time.perf_counter() - started < 2
    for thread in clients:
        thread.join(timeout=5)
    assert len(outcomes) == 12, "a client was left hanging"


@pytest.mark.parametrize("port", [-1, 65536, 70000, "8000", 80.5, True, None])
def test_bad_ports_are_refused_in_one_line(port):
    expected = r"^port must be a whole number from 1 to 65535"
    with pytest.raises(PortError, match=expected) as info, serve("httpbin.org", port=port):
        pass
    assert "\n" not in str(info.value)
    assert info.value._render_traceback_() == [f"PortError: {info.value}"], "Jupyter: one line"


def test_a_busy_port_is_one_line_and_leaks_no_thread():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        before = threading.active_count()
        for _ in range(3):
            with pytest.raises(PortError, match=f"^port {port} on 127.0.0.1 is already in use"):
                LoopbackServer(create_app(), port=port)
        assert threading.active_count() == before


@pytest.mark.parametrize("argument", ["70000", "-1", "abc", "65535"])
def test_serve_command_rejects_bad_ports_in_one_line(argument):
    done = subprocess.run(
        [sys.executable, "-m", "helpers.serve", "--port", argument],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "is not a usable first port" in done.stderr


def test_serve_command_reports_a_busy_port_in_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "helpers.serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=20,
        )
    assert done.returncode == 2
    assert done.stderr == (
        f"python -m helpers.serve: error: port {port} on 127.0.0.1 is already in use (by "
        "another server, or one this kernel started earlier); pick another port, or port=0 for "
        "any free one\n"
    )


def test_a_server_never_started_holds_no_thread_and_no_port():
    before = threading.active_count()
    server = LoopbackServer(create_app())
    port = server.port
    assert threading.active_count() == before
    server.stop()
    assert threading.active_count() == before
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
