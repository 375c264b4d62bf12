"""A live-mode rehearsal without internet: loopback copies of the services stand in for it.

With ``COURSE_LIVE=1`` and ``COURSE_LIVE_REHEARSAL=1`` (or ``simulate(live=True)`` with the
second variable set), everything live mode does runs as it would against the real services:
``responses`` decides to pass the request through, and ``requests``' own ``HTTPAdapter.send``
sends it through urllib3 (its timeouts, its mounted ``Retry``, its connection pool, its errors).
Only the socket at the end goes elsewhere: to a loopback server on 127.0.0.1 running a fresh
copy of that host's simulated app, which sees the request as the real host would (its own host
name, https). These stand-ins live as long as the kernel, like the internet: re-running the
setup cell does not reset them. CI runs notebooks this way (``tests/test_live_rehearsal.py``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import requests
import urllib3
from werkzeug.http import HTTP_STATUS_CODES

from helpers.hosts import DEFAULT_PORTS, HOSTS, SimulatedHost
from helpers.loopback import LoopbackServer


def own_key(name: str) -> str:
    """The stand-in for a learner's own key in a rehearsal (the stand-ins accept it)."""
    return f"rehearsal-own-{name.lower().replace('_', '-')}"


def provide_own_keys() -> None:
    """A rehearsal plays a learner who has their own keys: set the missing ones."""
    for record in HOSTS:
        if record.has_real_twin:
            for name, _ in record.demo_env:
                os.environ.setdefault(name, own_key(name))


def as_host(app: Callable[[], Callable], record: SimulatedHost, scheme: str) -> Callable:
    """The app ``app()`` returns, as it runs behind the real host's front door: its name, its
    scheme, its port, its reason phrases; a rehearsal's own keys are accepted (as demo keys)."""
    keys = [(own_key(name), demo) for name, demo in record.demo_env]

    def wsgi(environ: dict, start_response: Callable) -> object:
        environ["wsgi.url_scheme"] = scheme
        environ["HTTP_HOST"] = record.host
        environ["SERVER_NAME"] = record.host
        environ["SERVER_PORT"] = str(DEFAULT_PORTS[scheme])
        for name, value in list(environ.items()):
            if name.startswith("HTTP_") and isinstance(value, str):
                for own, demo in keys:
                    value = value.replace(own, demo)
                environ[name] = value

        def start(status: str, headers: list, exc_info: object = None) -> object:
            code = int(status.split(" ", 1)[0])
            return start_response(f"{code} {HTTP_STATUS_CODES.get(code, '')}", headers, exc_info)

        return app()(environ, start)

    return wsgi


class StandInAdapter:
    """The learner's ``HTTPAdapter`` in every respect but one: its connection goes to loopback.

    ``HTTPAdapter.send`` is called with this object as ``self``, so the learner's
    ``max_retries``, pool settings and response building are used unchanged.
    """

    def __init__(self, adapter: requests.adapters.HTTPAdapter, pool: object) -> None:
        self._adapter = adapter
        self._pool = pool

    def __getattr__(self, name: str) -> object:
        return getattr(self._adapter, name)

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        return self._pool

    def get_connection(self, url, proxies=None):
        return self._pool

    def request_url(self, request, proxies):
        return request.path_url


class Rehearsal:
    """The stand-in internet: one loopback server per (host, scheme), started on first use."""

    def __init__(self) -> None:
        self._apps: dict[str, Callable] = {}
        self._servers: dict[tuple[str, str], LoopbackServer] = {}
        self._pools: dict[tuple[str, str], urllib3.HTTPConnectionPool] = {}
        self._lock = threading.Lock()

    def address(self, record: SimulatedHost, scheme: str) -> tuple[str, int]:
        """Where ``scheme://record.host`` is answered in this rehearsal."""
        key = (record.host, scheme)
        with self._lock:
            if key not in self._servers:
                app = as_host(lambda: self._app(record), record, scheme)
                self._servers[key] = LoopbackServer(app, threads=8).start()
            return "127.0.0.1", self._servers[key].port

    def _app(self, record: SimulatedHost) -> Callable:
        """The stand-in's app, created on its first request (one per host, both schemes)."""
        with self._lock:
            if record.host not in self._apps:
                self._apps[record.host] = record.create_app()
            return self._apps[record.host]

    def stand_in(self, adapter: object, record: SimulatedHost, scheme: str) -> StandInAdapter:
        host, port = self.address(record, scheme)
        key = (record.host, scheme)
        with self._lock:
            if key not in self._pools:
                self._pools[key] = urllib3.HTTPConnectionPool(host, port, maxsize=10)
            pool = self._pools[key]
        return StandInAdapter(adapter, pool)  # type: ignore[arg-type]

    def targets(self, records: list[SimulatedHost]) -> dict[str, tuple[str, int]]:
        return {r.host: self.address(r, r.schemes[0]) for r in records}

    def stop(self) -> None:
        with self._lock:
            for server in self._servers.values():
                server.stop()
            for pool in self._pools.values():
                pool.close()
            self._servers.clear()
            self._pools.clear()
            self._apps.clear()


_rehearsal: Rehearsal | None = None


def rehearsal() -> Rehearsal:
    """The kernel's stand-in internet (one per process, started on first use)."""
    global _rehearsal
    if _rehearsal is None:
        _rehearsal = Rehearsal()
    return _rehearsal


def rehearse_notebook(path: str, timeout: int = 120) -> list[str]:
    """Run the notebook at ``path`` in a fresh kernel in live mode against the stand-ins (not
    saved). Returns one line per error outside cells tagged ``raises-exception``, plus one if
    the setup cell did not report live mode. ``python -m helpers.rehearsal NOTEBOOK...``."""
    import os
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    from helpers.hosts import LIVE_ENV_VAR, REHEARSAL_ENV_VAR

    notebook = nbformat.read(path, as_version=4)
    saved = {name: os.environ.get(name) for name in (LIVE_ENV_VAR, REHEARSAL_ENV_VAR)}
    os.environ.update({LIVE_ENV_VAR: "1", REHEARSAL_ENV_VAR: "1"})
    try:
        NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(Path(path).resolve().parent)}},
            allow_errors=True,
        ).execute()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    problems, live_banner = [], False
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        for out in cell.outputs:
            live_banner |= "Live mode" in out.get("text", "")
            if out.output_type == "error" and not tagged:
                problems.append(f"cell {index}: {out.ename}: {out.evalue}"[:300])
    if not live_banner:
        problems.append("no cell printed the live-mode banner: did the setup cell run live?")
    return problems


if __name__ == "__main__":
    import sys

    failed = False
    for notebook_path in sys.argv[1:]:
        found = rehearse_notebook(notebook_path)
        failed |= bool(found)
        print(f"{'❌' if found else '✅'} {notebook_path}", *found, sep="\n   ")
    raise SystemExit(1 if failed else 0)
