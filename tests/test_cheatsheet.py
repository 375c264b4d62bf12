"""The cheat sheet's code runs: every Python block, in order, against the simulator, with the
few names a reader brings from their own code (a URL, headers, a session, a retry policy)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from urllib3.util import Retry

from helpers.simulator import simulate, stop

CHEATSHEET = Path(__file__).resolve().parents[1] / "notebooks" / "reference" / "cheatsheet.md"
BLOCKS = re.findall(r"```python\n(.*?)```", CHEATSHEET.read_text(encoding="utf-8"), re.DOTALL)


@pytest.fixture(scope="module")
def namespace():
    simulate(quiet=True)
    with requests.Session() as session:
        yield {
            "url": "https://api.example.com/todos",
            "headers": {"Accept": "application/json"},
            "session": session,
            "retry": Retry(total=3, backoff_factor=0.5, status_forcelist=[503]),
        }
    stop()


def test_the_cheatsheet_has_code():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_block_runs(namespace, index):
    exec(compile(BLOCKS[index], f"cheatsheet block {index + 1}", "exec"), namespace)
