"""Where this kernel runs: a laptop or Binder (CPython), Google Colab, or a browser (Pyodide).

>>> from helpers.runtime import IN_BROWSER, needs_threads
>>> if needs_threads("three requests at once need a thread pool"):
...     with ThreadPoolExecutor(max_workers=3) as pool: ...

In a browser (the JupyterLite edition of the course, Python compiled to WebAssembly by Pyodide)
there are no threads and no listening sockets: the loopback demos then run through an in-process
transport (:mod:`helpers.inprocess`), and a cell that needs real threads says so in one line and
skips. On CPython these helpers print nothing, so the notebooks' stored outputs stay the same.
"""

from __future__ import annotations

import sys

from helpers.environment import on_colab

__all__ = ["IN_BROWSER", "can_listen", "in_browser", "needs_sockets", "needs_threads", "on_colab"]

# Pyodide (and any other WebAssembly build of CPython) reports "emscripten" or "wasi".
IN_BROWSER = sys.platform in {"emscripten", "wasi"}


def in_browser() -> bool:
    """True in Pyodide (JupyterLite): Python in the browser, without threads or sockets."""
    return IN_BROWSER


def threads_available() -> bool:
    """True when ``threading.Thread.start()`` works (not in Pyodide: no threads there)."""
    return not IN_BROWSER


def can_listen() -> bool:
    """True when a server can listen on 127.0.0.1 (not in a browser: no server sockets)."""
    return not IN_BROWSER


def _skip_line(why: str, missing: str) -> str:
    return (
        f"⏭️  Skipped in the browser: {why}, and Python in the browser has no {missing}. "
        "Run this notebook on your computer or on Binder to see it."
    )


def needs_threads(why: str) -> bool:
    """True when threads are available; in the browser print one line saying why the cell
    skips, and return False. Use as ``if needs_threads("..."):`` around a thread-pool demo."""
    if threads_available():
        return True
    print(_skip_line(why, "threads"))
    return False


def needs_sockets(why: str) -> bool:
    """Like :func:`needs_threads`, for a cell that opens its own socket (a server that listens)."""
    if can_listen():
        return True
    print(_skip_line(why, "sockets"))
    return False
