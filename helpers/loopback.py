"""Serve a simulated service over real HTTP on 127.0.0.1, in a background thread.

In-process mocking cannot show what only a socket does: a read timeout firing, urllib3 really
sleeping between retries, a connection kept alive and reused. For those demos:

>>> with serve("api.example.com") as base_url:
...     requests.get(f"{base_url}/slow?seconds=2", timeout=0.5)   # a real ReadTimeout

While the simulator runs, the loopback server shares its app (and so its state); otherwise it
serves a fresh app.

A learner cannot wedge it: a simulated delay ends as soon as its client gives up (closes the
connection), idle keep-alive connections are capped, open connections are limited, and
``stop()`` returns within a few seconds whatever is in flight.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from flask import Flask

from helpers import simulator
from helpers.runtime import can_listen

if can_listen():
    from waitress import wasyncore
    from waitress.server import create_server
    from waitress.task import ThreadedTaskDispatcher
else:
    from helpers.inprocess import install

    install()
# else (Python in the browser: no sockets, no threads, no waitress): LoopbackServer and serve()
# run the app in-process, through helpers.inprocess, with the same base URL and interface.
from helpers.hosts import get_host
from helpers.live import accepting_own_keys
from helpers.services._common import set_cancel_event

# waitress is a production WSGI server: HTTP/1.1 keep-alive and streamed responses, like the
# real services. (Werkzeug's development server closes every connection, which would hide
# exactly what notebook 06 measures.)
logging.getLogger("waitress").setLevel(logging.ERROR)

THREADS = 8
# At most this many open connections; more wait in the kernel's listen queue (BACKLOG long),
# and beyond that the kernel refuses them. Never reached by idle keep-alive connections: above
# MAX_IDLE of them the oldest is closed, and any idle for CHANNEL_TIMEOUT seconds is closed.
CONNECTION_LIMIT = 100
BACKLOG = 64
MAX_IDLE = 32
CHANNEL_TIMEOUT = 30
POLL_SECONDS = 0.05  # how often the loop looks for a stop request and for clients gone
STOP_SECONDS = 3.0  # stop() returns within about this long, whatever the app is doing


class PortError(OSError):
    """A port that cannot be used: out of range, taken, or not allowed."""

    def _render_traceback_(self) -> list[str]:
        """Jupyter shows this one line instead of a traceback: the mistake is the port."""
        return [f"{type(self).__name__}: {self}"]


def check_port(port: object) -> int:
    """``port`` if it is a whole number from 0 to 65535, else a one-line :class:`PortError`."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise PortError(
            f"port must be a whole number from 1 to 65535, or 0 for any free port; got {port!r}"
        )
    return port


def _bind_message(port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on 127.0.0.1 is already in use (by another server, or one this kernel "
            "started earlier); pick another port, or port=0 for any free one"
        )
    if error.errno == errno.EACCES:
        return (
            f"not allowed to listen on port {port} on 127.0.0.1 (ports below 1024 need "
            "administrator rights); pick a port from 1024 to 65535, or port=0 for any free one"
        )
    return f"cannot listen on port {port} on 127.0.0.1: {error.strerror or error}"


class _RequestCancel:
    """What a simulated delay waits on during one request: it ends at once when the server
    stops or when the client has given up (closed its connection)."""

    def __init__(self, stopping: threading.Event, gone: Callable[[], bool] | None) -> None:
        self._stopping = stopping
        self._gone = gone

    def is_set(self) -> bool:
        return self._stopping.is_set() or bool(self._gone and self._gone())

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = POLL_SECONDS if deadline is None else deadline - time.monotonic()
            if left <= 0:
                return False
            self._stopping.wait(min(POLL_SECONDS, left))
        return True


class _Body:
    """A response body whose simulated delays (``/drip``) also end when the client goes."""

    def __init__(self, body: Iterable[bytes], cancel: _RequestCancel) -> None:
        self._body = body
        self._cancel = cancel

    def __iter__(self) -> Iterator[bytes]:
        chunks = iter(self._body)
        while True:
            set_cancel_event(self._cancel)  # type: ignore[arg-type]
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            finally:
                set_cancel_event(None)
            yield chunk

    def close(self) -> None:
        close = getattr(self._body, "close", None)
        if close is not None:
            close()


class LoopbackServer:
    """One WSGI app on ``http://127.0.0.1:PORT``; ``start()``/``stop()``, or use :func:`serve`.

    Raises :class:`PortError` (one line) for a port out of range or already in use; a failed
    start leaves no thread and no socket behind. Where no server can listen (in a browser), an
    :class:`helpers.inprocess.InProcessServer` with the same interface stands in.
    """

    def __new__(cls, *args: object, **kwargs: object) -> LoopbackServer:
        if not can_listen():
            from helpers.inprocess import InProcessServer

            return InProcessServer(*args, **kwargs)  # type: ignore[arg-type,return-value]
        return super().__new__(cls)

    def __init__(self, app: Flask | Callable, port: int = 0, threads: int = THREADS) -> None:
        self.app = app
        port = check_port(port)
        self._cancel_sleeps = threading.Event()
        self._stopping = threading.Event()
        self._map: dict = {}
        self._threads = threads
        dispatcher = ThreadedTaskDispatcher()  # no threads until start(): a failed bind leaks none
        try:
            self._server = create_server(
                self._app,
                map=self._map,
                _dispatcher=dispatcher,
                host="127.0.0.1",
                port=port,
                threads=threads,
                connection_limit=CONNECTION_LIMIT,
                backlog=BACKLOG,
                channel_timeout=CHANNEL_TIMEOUT,
                cleanup_interval=1,
                # keep reading while a request runs, so a client that gives up is noticed
                channel_request_lookahead=1,
            )
        except OSError as error:
            wasyncore.close_all(self._map, ignore_all=True)
            failure = PortError(_bind_message(port, error))
            failure.errno = error.errno
            raise failure from None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _app(self, environ: dict, start_response: Callable) -> object:
        """The app, with simulated delays that end early when the client gives up or the
        server stops (waitress notices a closed connection while the request runs)."""
        cancel = _RequestCancel(self._cancel_sleeps, environ.get("waitress.client_disconnected"))
        set_cancel_event(cancel)  # type: ignore[arg-type]
        try:
            body = self.app(environ, start_response)
        finally:
            set_cancel_event(None)
        return _Body(body, cancel)

    def _serve(self) -> None:
        """waitress's event loop in short slices, so a stop request is seen within 50 ms. The
        sockets are closed here, in the loop's own thread: closing them from another thread
        races with ``select()`` and waitress then reports errors on stderr."""
        server = self._server
        use_poll = server.adj.asyncore_use_poll
        while not self._stopping.is_set() and server._map:
            wasyncore.loop(timeout=POLL_SECONDS, map=server._map, use_poll=use_poll, count=1)
            self._close_surplus_idle()
        wasyncore.close_all(server._map, ignore_all=True)

    def _close_surplus_idle(self) -> None:
        """Keep at most MAX_IDLE idle connections (nothing running, nothing to send): close
        the oldest, so idle keep-alive connections never lock new clients out."""
        channels = list(self._server.active_channels.values())
        if len(channels) <= MAX_IDLE:
            return
        idle = [
            c for c in channels if not c.requests and not c.total_outbufs_len and not c.will_close
        ]
        idle.sort(key=lambda c: c.last_activity)
        for channel in idle[: max(0, len(idle) - MAX_IDLE)]:
            channel.will_close = True

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LoopbackServer:
        self._server.task_dispatcher.set_thread_count(self._threads)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Cut short any simulated delay, let running requests finish (the loop keeps flushing
        their answers), then end the loop, which closes every socket."""
        self._cancel_sleeps.set()
        self._server.task_dispatcher.shutdown(timeout=STOP_SECONDS)
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=STOP_SECONDS)
        else:  # never started: close the sockets here
            wasyncore.close_all(self._map, ignore_all=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


def app_for(host: str) -> Callable:
    """The simulator's app for ``host`` when it runs, so state is shared; else a fresh one.
    Live, a real host's twin also takes the learner's own key (swapped for the demo key inside
    the kernel: see :func:`helpers.live.accepting_own_keys`)."""
    record = get_host(host)
    try:
        sim = simulator.current()
    except RuntimeError:
        return record.create_app()
    app = sim.app(record.host)
    if sim.live and record.has_real_twin:
        return accepting_own_keys(app, record)
    return app


@contextmanager
def serve(host: str = "api.example.com", port: int = 0) -> Iterator[str]:
    """Serve ``host``'s simulated app on 127.0.0.1 (a free port by default); yield its base URL.

    ``port`` is 1-65535, or 0 for any free port; a bad or busy port raises a one-line
    :class:`PortError`.
    """
    check_port(port)
    server = LoopbackServer(app_for(host), port=port).start()
    try:
        yield server.base_url
    finally:
        server.stop()
