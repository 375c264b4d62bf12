"""Fixtures of the browser edition's smoke test: the built site served on 127.0.0.1, and
Debian's chromium (the browser test's harness, tests/browser/lab.py) with every request that
leaves 127.0.0.1 aborted and counted.

Run with ``bash tests/lite/run`` (the browser test's own environment, build/browser-venv).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "lite"
SCREENSHOTS = ROOT / "build" / "screenshots"
sys.path.insert(0, str(ROOT / "tests" / "browser"))

if importlib.util.find_spec("playwright") is None:
    collect_ignore_glob = ["test_*.py"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files, with the types Pyodide needs (``.wasm`` compiles while it downloads)."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
        ".whl": "application/zip",
    }

    def log_message(self, *args) -> None:  # quiet: pytest shows failures, not every file
        pass


@pytest.fixture(scope="session")
def site_url():
    """``build/lite`` served on 127.0.0.1 (a free port), as GitHub Pages would serve it."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is not built: run  .venv/bin/python -m helpers.course site")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(SITE))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class Offline:
    """Every request outside 127.0.0.1 (page, workers, service worker) is aborted and kept."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def route(self, route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("internetdisconnected")


@pytest.fixture(scope="session")
def offline() -> Offline:
    return Offline()


@pytest.fixture(scope="session")
def browser(offline):
    from lab import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (tests/lite/run does)")
    # Belt and braces: chromium resolves no other host name, so a request Playwright does not
    # see (if any) fails too; the route below is what counts them.
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=args,
            headless=True,
            viewport={"width": 1280, "height": 900},
            service_workers="allow",
        )
        context.route("**/*", offline.route)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()
