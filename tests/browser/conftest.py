"""Fixtures of the browser test: JupyterLab started as the README says, and a headless chromium.

Run with ``bash tests/browser/run`` (its own environment). The course's ``pytest`` skips this
folder: Playwright is not one of the course's packages.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import pytest

if importlib.util.find_spec("playwright") is None:
    collect_ignore_glob = ["test_*.py"]
else:
    from lab import CHROMIUM, CHROMIUM_ARGS, ROOT, jupyterlab, readme_launch_command

    SCREENSHOTS = ROOT / "build" / "screenshots"

    @pytest.fixture(scope="session")
    def screenshots() -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS

    @pytest.fixture(scope="session")
    def laptop(tmp_path_factory):
        """JupyterLab started with the README's first command, from the repository root."""
        home = tmp_path_factory.mktemp("laptop")
        with jupyterlab(readme_launch_command(), cwd=ROOT, home=home) as lab:
            yield lab

    @pytest.fixture(scope="session")
    def browser():
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            pytest.fail(
                f"{CHROMIUM} is missing: install Debian's chromium (tests/browser/run does)"
            )
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1280, "height": 900},
            )
            yield context
            context.close()

    @pytest.fixture
    def page(browser):
        page = browser.new_page()
        yield page
        page.close()
