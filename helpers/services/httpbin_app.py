"""httpbin.org: the real httpbin application from PyPI, quietened for notebooks.

httpbin logs a warning at import time when the optional ``flasgger`` package is missing; a
notebook cell treats any stderr as a failure, so we raise that logger's level before importing.
Its ``/delay/{n}`` and ``/drip`` endpoints sleep through ``time.sleep``; we route that through
:func:`simulated_sleep` so an in-process call with a short ``timeout=`` times out like a real one.
"""

from __future__ import annotations

import logging
import time
import types

from flask import Flask

from helpers.services._common import simulated_sleep

HOST = "httpbin.org"


def _import_httpbin_core() -> types.ModuleType:
    logging.getLogger("httpbin.core").setLevel(logging.ERROR)
    import httpbin.core as core

    if not isinstance(core.time, types.SimpleNamespace):
        shim = types.SimpleNamespace(**{k: getattr(time, k) for k in dir(time) if k[0] != "_"})
        shim.sleep = simulated_sleep
        core.time = shim
    return core


def create_app() -> Flask:
    """httpbin is stateless (cookies live in the client), so one app object serves every reset."""
    return _import_httpbin_core().app
