"""Serve a simulated service over real HTTP on 127.0.0.1, in a background thread.

In-process mocking cannot show what only a socket does: a read timeout firing, urllib3 really
sleeping between retries, a connection kept alive and reused. For those demos:

>>> with serve("api.example.com") as base_url:
...     requests.get(f"{base_url}/slow?seconds=2", timeout=0.5)   # a real ReadTimeout

While the simulator runs, the loopback server shares its app (and so its state); otherwise it
serves a fresh app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask
from waitress import wasyncore
from waitress.server import create_server

from helpers import simulator
from helpers.hosts import get_host
from helpers.services._common import set_cancel_event

# waitress is a production WSGI server: HTTP/1.1 keep-alive and streamed responses, like the
# real services. (Werkzeug's development server closes every connection, which would hide
# exactly what notebook 06 measures.)
logging.getLogger("waitress").setLevel(logging.ERROR)


class LoopbackServer:
    """One WSGI app on ``http://127.0.0.1:PORT``; ``start()``/``stop()``, or use :func:`serve`."""

    def __init__(self, app: Flask | Callable, port: int = 0, threads: int = 8) -> None:
        self.app = app
        self._cancel_sleeps = threading.Event()
        self._server = create_server(self._app, host="127.0.0.1", port=port, threads=threads)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _app(self, environ: dict, start_response: Callable) -> object:
        """The app, with simulated delays that end early when the server stops."""
        set_cancel_event(self._cancel_sleeps)
        try:
            return self.app(environ, start_response)
        finally:
            set_cancel_event(None)

    def _serve(self) -> None:
        """waitress's event loop in short slices, so a stop request is seen within 50 ms. The
        sockets are closed here, in the loop's own thread: closing them from another thread
        races with ``select()`` and waitress then reports errors on stderr."""
        server = self._server
        use_poll = server.adj.asyncore_use_poll
        while not self._stopping.is_set() and server._map:
            wasyncore.loop(timeout=0.05, map=server._map, use_poll=use_poll, count=1)
        wasyncore.close_all(server._map, ignore_all=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Cut short any simulated delay, let running requests finish (the loop keeps flushing
        their answers), then end the loop, which closes every socket."""
        self._cancel_sleeps.set()
        self._server.task_dispatcher.shutdown()
        self._stopping.set()
        self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


def app_for(host: str) -> Flask:
    """The simulator's app for ``host`` when it runs, so state is shared; else a fresh one."""
    try:
        return simulator.current().app(host)
    except RuntimeError:
        return get_host(host).create_app()


@contextmanager
def serve(host: str = "api.example.com", port: int = 0) -> Iterator[str]:
    """Serve ``host``'s simulated app on 127.0.0.1 (a free port by default); yield its base URL."""
    server = LoopbackServer(app_for(host), port=port).start()
    try:
        yield server.base_url
    finally:
        server.stop()
