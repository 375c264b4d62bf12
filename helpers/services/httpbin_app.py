"""httpbin.org: the real httpbin application from PyPI, quietened for notebooks.

httpbin logs a warning at import time when the optional ``flasgger`` package is missing; a
notebook cell treats any stderr as a failure, so we raise that logger's level before importing.
Its ``/delay/{n}`` and ``/drip`` endpoints sleep through ``time.sleep``; we route that through
:func:`simulated_sleep` so an in-process call with a short ``timeout=`` times out like a real one.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from helpers.services._common import simulated_sleep

HOST = "httpbin.org"


@contextmanager
def _brotlicffi_lent() -> Iterator[None]:
    """httpbin imports ``brotlicffi``, which has no build for Python in the browser (Pyodide):
    there, lend it the ``brotli`` module (same ``compress``) while httpbin is imported, or a
    stand-in whose ``compress`` says what is missing. Only for the import: left in
    ``sys.modules``, a ``brotlicffi`` would make urllib3 believe it can decode brotli."""
    if "brotlicffi" in sys.modules or importlib.util.find_spec("brotlicffi") is not None:
        yield
        return
    try:
        import brotli as lent  # type: ignore[import-not-found]
    except ImportError:
        lent = types.ModuleType("brotlicffi")

        def compress(data: bytes, *args: object, **kwargs: object) -> bytes:
            raise RuntimeError("/brotli needs the brotli package, missing in this Python")

        lent.compress = compress  # type: ignore[attr-defined]
    sys.modules["brotlicffi"] = lent
    try:
        yield
    finally:
        del sys.modules["brotlicffi"]


def _import_httpbin_core() -> types.ModuleType:
    logging.getLogger("httpbin.core").setLevel(logging.ERROR)
    with _brotlicffi_lent():
        import httpbin.core as core

    if not isinstance(core.time, types.SimpleNamespace):
        shim = types.SimpleNamespace(**{k: getattr(time, k) for k in dir(time) if k[0] != "_"})
        shim.sleep = simulated_sleep
        core.time = shim
    return core


def create_app() -> Flask:
    """httpbin is stateless (cookies live in the client), so one app object serves every reset."""
    return _import_httpbin_core().app
