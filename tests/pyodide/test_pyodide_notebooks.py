"""Every notebook's code cells run in Pyodide under Node; outputs match the stored ones.

    npm ci                        # once: Pyodide, pinned in package.json
    .venv/bin/python -m pytest -p no:cacheprovider tests/pyodide -q

The wheels (tests/pyodide/wheels.py) are cached in build/pyodide/wheels; results are written to
build/pyodide/results/<notebook>.json. Notebooks that import pandas are skipped where the full
Pyodide distribution (which has pandas' WebAssembly build) is absent: the npm package has none.
The expected differences are listed in differences.csv (compare.py documents the normalisation).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = ROOT / "build" / "pyodide" / "results"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
RUN_SECONDS = 420  # the whole run, all notebooks: about 2 minutes on 2 cores

sys.path.insert(0, str(HERE))
import compare  # noqa: E402
import wheels  # noqa: E402

pytestmark = pytest.mark.slow


def needs_pandas(notebook: Path) -> bool:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return any("import pandas" in "".join(c["source"]) for c in cells if c["cell_type"] == "code")


def _missing_tools() -> str | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are needed to run notebooks in Pyodide (CI has node 20)"
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        # a clean checkout (CI): install the pinned Pyodide from the npm registry
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True,
            timeout=600,
        )  # fmt: skip
        if done.returncode != 0:
            return f"`npm ci` failed, so Pyodide is not installed: {done.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="module")
def runs() -> dict[str, dict]:
    """Run every notebook that can run (one Node process, a fresh Pyodide per notebook)."""
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    wheel_dir = wheels.DEST
    wheels.collect(wheel_dir)
    runnable = [nb for nb in NOTEBOOKS if not needs_pandas(nb)]
    for old in RESULTS.glob("*.json"):
        old.unlink()
    subprocess.run(
        ["node", str(HERE / "run_notebooks.mjs"), "--wheels", str(wheel_dir), "--out",
         str(RESULTS), *map(str, runnable)],
        check=True, cwd=ROOT, timeout=RUN_SECONDS,
    )  # fmt: skip
    return {
        nb.name: json.loads((RESULTS / f"{nb.stem}.json").read_text(encoding="utf-8"))
        for nb in runnable
    }


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_in_pyodide(notebook: Path, runs: dict[str, dict]) -> None:
    if notebook.name not in runs:
        pytest.skip(
            f"{notebook.name} imports pandas, which Pyodide has only in its full distribution "
            "(not in the npm package)"
        )
    run = runs[notebook.name]
    assert run["network"] == 0, "a cell tried to reach the network from Pyodide"
    result = compare.compare(notebook, run, compare.expected_differences())
    assert result.ok, "\n".join(result.unexpected)
    assert not result.unused, "listed in differences.csv but no longer differ: " + "; ".join(
        str(stale) for stale in result.unused
    )
    assert result.compared > 0


def _printed(run: dict) -> str:
    outputs = [o for cell in run["cells"] for o in cell["outputs"]]
    return "".join(o["text"] for o in outputs if o["output_type"] == "stream")


def test_loopback_lessons_hold_in_pyodide(runs: dict[str, dict]) -> None:
    """The in-process transport: connection reuse counted (06), urllib3's backoff and
    Retry-After really slept (07), a per-read timeout (05), whatever differences.csv says."""
    sessions = _printed(runs["06-sessions-and-clients.ipynb"])
    assert "requests.get, 5 calls: 5 connections" in sessions
    assert "one Session, 5 calls:  1 connection" in sessions
    assert "Session faster: True" in sessions
    retries = _printed(runs["07-retries-and-backoff.ipynb"])
    assert "/flaky: waited the 0.2 s backoff: True" in retries
    assert "/rate-limited: waited the Retry-After second: True" in retries
    timeouts = _printed(runs["05-errors-and-timeouts.ipynb"])
    assert "took longer than the 0.3 s read timeout: True" in timeouts
    assert "Read timed out. (read timeout=0.2)" in timeouts
