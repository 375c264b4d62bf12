"""Live mode: keys, the network check at the setup cell, and the pass-through to real hosts.

* :func:`switch_keys` puts the demo keys in the environment offline and takes them out live, so
  a demo key never reaches a real service and the learner's own keys come back when live.
* :func:`unreachable` checks, in parallel and within :data:`CHECK_SECONDS`, which real hosts
  answer a TCP connection, so the setup cell can say in one line what will not work.
* :func:`accepting_own_keys` lets a simulated twin served on 127.0.0.1 (``serve()``, live) take
  the learner's own key: it becomes the demo key inside the kernel, never sent elsewhere.
* :func:`pass_through` wraps the send ``responses`` uses for requests it lets through: it
  refuses a request that carries a demo key, sends the rest (to a loopback stand-in in a
  rehearsal), logs failures, and turns a connection error into one short line.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import requests

from helpers.hosts import DEFAULT_PORTS, HOSTS, SimulatedHost, lookup

CHECK_SECONDS = 2.0

# -- keys ------------------------------------------------------------------------------------

_own_keys: dict[str, str | None] = {}
"""The learner's own value of each key the simulator replaced (``None``: it was not set)."""


def switch_keys(live: bool) -> list[str]:
    """Offline: the demo keys in the environment, the learner's own set aside. Live: for the
    real hosts, the learner's own keys back and no demo key left (a simulated-only host such as
    api.example.com keeps its demo key unless the learner set one). Returns the names of the
    learner's own keys set aside just now (for the banner; values are never printed)."""
    set_aside = []
    for record in HOSTS:
        for name, demo in record.demo_env:
            value = os.environ.get(name)
            if not live or not record.has_real_twin:
                if live and value is not None and value != demo:
                    continue  # live: the learner's own key for a simulated-only host is kept
                if value != demo:
                    _own_keys[name] = value
                    if value is not None:
                        set_aside.append(name)
                os.environ[name] = demo
            elif value == demo:
                _put_back(name)
    return set_aside


def restore_keys() -> None:
    """Every key as the learner had it before the simulator changed it."""
    for name in list(_own_keys):
        _put_back(name)
    for record in HOSTS:
        for name, demo in record.demo_env:
            if os.environ.get(name) == demo:
                del os.environ[name]


def _put_back(name: str) -> None:
    own = _own_keys.pop(name, None)
    if own is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = own


def accepting_own_keys(app: Callable, record: SimulatedHost) -> Callable:
    """``app`` (a simulated twin, which accepts only the demo keys) as a WSGI app that takes the
    learner's own keys too: in each request's headers, the value of ``record``'s key variables
    as set now in the environment becomes the demo key. Runs in the kernel's loopback server,
    so the learner's key goes nowhere but 127.0.0.1."""

    def wsgi(environ: dict, start_response: Callable) -> object:
        for name, demo in record.demo_env:
            own = os.environ.get(name)
            if not own or own == demo:
                continue
            for header, value in list(environ.items()):
                if header.startswith("HTTP_") and isinstance(value, str) and own in value:
                    environ[header] = value.replace(own, demo)
        return app(environ, start_response)

    return wsgi


class DemoKeyRefused(requests.exceptions.ConnectionError):
    """A request to a real host carried one of the course's demo keys: it was not sent."""


def demo_key_in(request: requests.PreparedRequest) -> str | None:
    """The name of a demo key of a real service (GitHub, Anthropic) found in the request's
    headers or URL, if any.

    Those are the fakes a real service must never receive: it would answer 401 and the learner
    would be misled. api.example.com's demo keys are not checked: that service exists only in
    this course (always simulated), its keys are public in the README and open nothing
    anywhere, and notebook 04 shows, live too, how a custom key header follows a redirect to
    another host.
    """
    url = unquote(request.url or "")
    headers = " ".join(str(v) for v in request.headers.values())
    for host in HOSTS:
        if not host.has_real_twin:
            continue
        for name, demo in host.demo_env:
            if demo in headers or demo in url:
                return name
    return None


# -- the network check -----------------------------------------------------------------------


def unreachable(targets: dict[str, tuple[str, int]], seconds: float = CHECK_SECONDS) -> list[str]:
    """The names in ``targets`` (name -> (host, port)) that refuse a TCP connection or do not
    answer within ``seconds`` in total (all are tried at once)."""
    answered: set[str] = set()
    lock = threading.Lock()

    def knock(name: str, address: tuple[str, int]) -> None:
        try:
            socket.create_connection(address, timeout=seconds).close()
        except OSError:
            return
        with lock:
            answered.add(name)

    threads = [threading.Thread(target=knock, args=item, daemon=True) for item in targets.items()]
    deadline = time.monotonic() + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    with lock:
        return [name for name in targets if name not in answered]


def real_targets(records: list[SimulatedHost]) -> dict[str, tuple[str, int]]:
    return {r.host: (r.host, DEFAULT_PORTS[r.schemes[0]]) for r in records}


def unreachable_message(names: list[str]) -> str:
    return (
        f"⚠️  No connection to {', '.join(names)} (checked just now): live requests to "
        f"{'it' if len(names) == 1 else 'them'} will fail. Check your network, or run "
        "simulate(live=False) to work offline."
    )


def unset_keys_message(names: list[str]) -> str:
    return (
        f"🔑 {' and '.join(names)} {'is' if len(names) == 1 else 'are'} not set: the real "
        "services need your own keys; set them in a cell with os.environ['NAME'] = '...' "
        "(README: Live mode)."
    )


# -- the pass-through ------------------------------------------------------------------------

Send = Callable[..., requests.Response]


def pass_through(
    send: Send,
    log: Callable[[requests.PreparedRequest, BaseException], None],
    stand_in: Callable[[object, SimulatedHost, str], object] | None = None,
) -> Send:
    """``send`` (``responses``' real send) with the live-mode rules around it."""

    def send_for_real(adapter, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        parts = urlsplit(request.url or "")
        record = lookup(parts.hostname)
        try:
            if record is None:  # loopback: exactly as requests would
                return send(adapter, request, **kwargs)
            name = demo_key_in(request)
            if name is not None:
                raise DemoKeyRefused(
                    f"Not sent: this request to the real {record.host} carries the course's demo "
                    f"{name}, which only the simulator accepts. Use your own key "
                    f"(os.environ['{name}']), or run simulate(live=False) to work offline.",
                    request=request,
                )
            target = adapter if stand_in is None else stand_in(adapter, record, parts.scheme)
            try:
                return send(target, request, **kwargs)
            except requests.exceptions.ConnectionError as error:
                raise short_error(error, request, record.host) from None
        except BaseException as error:
            log(request, error)
            raise

    return send_for_real


def short_error(
    error: requests.exceptions.ConnectionError, request: requests.PreparedRequest, host: str
) -> requests.exceptions.ConnectionError:
    """The same kind of exception, with one line instead of urllib3's nested reprs."""
    text = str(error)
    if isinstance(error, requests.exceptions.ConnectTimeout) or "timed out" in text:
        why = "connecting timed out"
    elif "resolve" in text or "Name or service not known" in text or "getaddrinfo" in text:
        why = "its name could not be looked up (no DNS: is this computer offline?)"
    elif "refused" in text.lower():
        why = "the connection was refused"
    elif isinstance(error, requests.exceptions.SSLError):
        why = "the TLS handshake failed (a proxy or firewall in between?)"
    elif isinstance(error, requests.exceptions.ProxyError):
        why = "the proxy did not connect"
    else:
        why = "the connection failed"
    return type(error)(
        f"Live mode: cannot reach {host}: {why}. Check your network, or run "
        "simulate(live=False) to work offline.",
        request=request,
    )
