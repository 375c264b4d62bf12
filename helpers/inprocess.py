"""The loopback server without threads or sockets: for Python in the browser (Pyodide).

:func:`helpers.loopback.serve` and :class:`helpers.loopback.LoopbackServer` fall back to this
where no server can listen. It gives a base URL ``http://127.0.0.1:<port>`` like the real thing,
but the port is never bound: a request to it goes through the real ``requests`` and urllib3 code
(its connection pool, its retries and their sleeps, ``Retry-After``, its read timeouts, its
response parsing) down to the connection, where :class:`InProcessConnection` hands the request
bytes to the WSGI app and feeds the app's response bytes back, as a socket would. So:

* urllib3 really sleeps between retries (the pool is real);
* a connection is reused while its pool keeps it: every new connection gets a new client port
  (``environ["REMOTE_PORT"]``), so a server counting ports counts connections;
* a simulated delay (``simulated_sleep``) longer than the read timeout raises urllib3's
  ``ReadTimeoutError`` after waiting that timeout, per read, as a socket would;
* responses without a ``Content-Length`` are sent chunked, one chunk per app chunk, produced
  when the client reads them (streaming with ``stream=True`` and ``iter_content`` works).
"""

from __future__ import annotations

import io
import itertools
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

# urllib3's socket-based connection class. Not ``urllib3.connection.HTTPConnection``: in Pyodide,
# urllib3 rebinds that name to its fetch()-based connection; connectionpool keeps the original.
from urllib3.connectionpool import HTTPConnection, HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from helpers.runtime import can_listen
from helpers.services._common import clear_read_timeout, set_read_timeout
from helpers.wsgi_bridge import path_info

LOOPBACK = frozenset({"127.0.0.1", "localhost"})
FIRST_PORT = 49152  # the ephemeral range: where a free port would come from
_servers: dict[int, InProcessServer] = {}
_client_ports = itertools.count(50000)
_lock = threading.Lock()
_original_new_conn = HTTPConnectionPool._new_conn
_original_tls_new_conn = HTTPSConnectionPool._new_conn


class InProcessServer:
    """Same interface as :class:`helpers.loopback.LoopbackServer`: ``start()``, ``stop()``,
    ``port``, ``base_url``, ``running``. Requests are served while it runs."""

    def __init__(self, app: Callable, port: int = 0, threads: int = 1) -> None:
        from helpers.loopback import PortError, check_port  # loopback imports this module

        self.app = app
        port = check_port(port)
        with _lock:
            if port == 0:
                port = next(p for p in itertools.count(FIRST_PORT) if p not in _servers)
            elif port in _servers:
                raise PortError(
                    f"port {port} on 127.0.0.1 is already in use (by another server, or one this "
                    "kernel started earlier); pick another port, or port=0 for any free one"
                )
            self._port = port
            _servers[port] = self
        self._running = False
        self.connections = 0  # new connections made to this server
        _install()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> InProcessServer:
        self._running = True
        return self

    def stop(self) -> None:
        self._running = False
        with _lock:
            if _servers.get(self._port) is self:
                del _servers[self._port]


def server_for(host: str | None, port: int | None) -> InProcessServer | None:
    """The running in-process server for ``host:port``, if there is one."""
    if host not in LOOPBACK or port is None:
        return None
    server = _servers.get(port)
    return server if server is not None and server.running else None


def _routed_new_conn(pool: HTTPConnectionPool) -> Any:
    """urllib3's ``HTTPConnectionPool._new_conn``, except for an in-process server's port."""
    server = server_for(pool.host, pool.port)
    if server is None and not (pool.host in LOOPBACK and not can_listen()):
        return _original_new_conn(pool)
    # In a browser nothing else listens on 127.0.0.1: a port without a server refuses.
    pool.num_connections += 1
    return InProcessConnection(
        server, host=pool.host, port=pool.port, timeout=pool.timeout.connect_timeout
    )


def install() -> None:
    """Route connections to 127.0.0.1 through this module (done by helpers.loopback where no
    server can listen): in-process servers answer, other loopback ports refuse."""
    _install()


def _refused_tls_new_conn(pool: HTTPSConnectionPool) -> Any:
    """``HTTPSConnectionPool._new_conn``; in a browser, https to 127.0.0.1 refuses too (the
    in-process servers speak plain http, as the loopback servers do)."""
    if pool.host in LOOPBACK and not can_listen():
        pool.num_connections += 1
        return InProcessConnection(
            None, host=pool.host, port=pool.port, timeout=pool.timeout.connect_timeout
        )
    return _original_tls_new_conn(pool)


def _install() -> None:
    """Route new connections to in-process ports (idempotent; other ports are untouched)."""
    if HTTPConnectionPool._new_conn is not _routed_new_conn:
        HTTPConnectionPool._new_conn = _routed_new_conn  # type: ignore[method-assign]
    if HTTPSConnectionPool._new_conn is not _refused_tls_new_conn:
        HTTPSConnectionPool._new_conn = _refused_tls_new_conn  # type: ignore[method-assign]


class InProcessConnection(HTTPConnection):
    """urllib3's HTTP connection, with an in-process socket to an :class:`InProcessServer`."""

    def __init__(self, server: InProcessServer | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._server = server

    def connect(self) -> None:
        if self._server is None or not self._server.running:
            raise NewConnectionError(
                self, "Failed to establish a new connection: [Errno 111] Connection refused"
            )
        self._server.connections += 1
        self.sock = _Socket(self._server, next(_client_ports))  # type: ignore[assignment]

    def __str__(self) -> str:
        """As urllib3's own class names itself in error messages: ``HTTPConnection(host=...)``."""
        return f"HTTPConnection(host={self.host!r}, port={self.port!r})"

    @property
    def is_connected(self) -> bool:
        return self.sock is not None and not self.sock.closed  # type: ignore[attr-defined]


class _Socket:
    """Just enough of a connected socket for http.client: ``sendall`` takes the request,
    ``makefile("rb")`` reads the response, which the app produces as it is read."""

    def __init__(self, server: InProcessServer, client_port: int) -> None:
        self._server = server
        self._client_port = client_port
        self._incoming = b""
        self._outgoing = bytearray()
        self._pending: Iterator[bytes] | None = None
        self._timeout: float | None = None
        self.closed = False

    # -- socket API used by http.client and urllib3
    def settimeout(self, timeout: float | None) -> None:
        self._timeout = timeout

    def gettimeout(self) -> float | None:
        return self._timeout

    def setsockopt(self, *args: Any) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        if self.closed or not self._server.running:
            raise ConnectionResetError(104, "Connection reset by peer")
        self._incoming += bytes(data)
        request = _split_request(self._incoming)
        if request is not None:
            head, body, rest = request
            self._incoming = rest
            self._pending = self._respond(head, body)

    send = sendall

    def makefile(self, mode: str = "rb", buffering: int | None = None) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self))

    def shutdown(self, how: int) -> None:
        self.closed = True

    def close(self) -> None:
        self.closed = True

    def fileno(self) -> int:
        return -1

    # -- the server side
    def _next_bytes(self, size: int) -> bytes:
        while not self._outgoing and self._pending is not None:
            set_read_timeout(self._timeout)
            try:
                piece = next(self._pending, None)
            finally:
                expired = clear_read_timeout()
            if piece is None:
                self._pending = None
            else:
                self._outgoing += piece
            if expired is not None:  # the app was slower than the read timeout
                self._pending = None
                self._outgoing.clear()
                raise TimeoutError("timed out")
        chunk = bytes(self._outgoing[:size])
        del self._outgoing[:size]
        return chunk

    def _respond(self, head: bytes, body: bytes) -> Iterator[bytes]:
        """The response bytes, produced lazily: head first, then each body chunk."""
        environ = self._environ(head, body)
        status_headers: list[Any] = []

        def start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
            status_headers[:] = [status, headers]
            return lambda data: None

        result = self._server.app(environ, start_response)
        try:
            chunks = iter(result)
            first = next(chunks, None)  # some apps call start_response on the first chunk
            status, headers = status_headers
            names = {name.lower() for name, _ in headers}
            chunked = "content-length" not in names and environ["REQUEST_METHOD"] != "HEAD"
            lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers)]
            if chunked:
                lines.append("Transfer-Encoding: chunked")
            yield ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
            if environ["REQUEST_METHOD"] == "HEAD":
                return
            for chunk in itertools.chain([first] if first is not None else [], chunks):
                if not chunk:
                    continue
                yield f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk
            if chunked:
                yield b"0\r\n\r\n"
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()

    def _environ(self, head: bytes, body: bytes) -> dict[str, Any]:
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, protocol = request_line.split(" ", 2)
        path, query = path_info(target)
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_URI": target,
            "RAW_URI": target,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(self._server.port),
            "SERVER_PROTOCOL": protocol,
            "REMOTE_ADDR": "127.0.0.1",
            "REMOTE_HOST": "127.0.0.1",
            "REMOTE_PORT": str(self._client_port),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            key = name.strip().upper().replace("-", "_")
            value = value.strip()
            if key in {"CONTENT_TYPE", "CONTENT_LENGTH"}:
                environ[key] = value
            elif f"HTTP_{key}" in environ:
                environ[f"HTTP_{key}"] += "," + value
            else:
                environ[f"HTTP_{key}"] = value
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return environ


class _Reader(io.RawIOBase):
    def __init__(self, sock: _Socket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._sock._next_bytes(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _split_request(data: bytes) -> tuple[bytes, bytes, bytes] | None:
    """``(head, body, rest)`` once ``data`` holds a whole request, else None."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    head, after = data[:end], data[end + 4 :]
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = bytearray()
        pos = 0
        while True:
            line_end = after.find(b"\r\n", pos)
            if line_end < 0:
                return None
            size = int(after[pos:line_end].split(b";")[0], 16)
            start = line_end + 2
            if len(after) < start + size + 2:
                return None
            if size == 0:
                trailer_end = after.find(b"\r\n\r\n", line_end)
                if trailer_end < 0:
                    return None
                return head, bytes(body), after[trailer_end + 4 :]
            body += after[start : start + size]
            pos = start + size + 2
    length = int(fields.get(b"content-length", b"0") or 0)
    if len(after) < length:
        return None
    return head, after[:length], after[length:]
