"""How much do the notebooks cost beyond starting their kernels?

Runs the notebook suite under nbval, then the floor (as many one-cell notebooks) under nbval in
the same way, and prints both times and their ratio. The target is a ratio of at most 1.25.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers.course.execute import KERNELSPEC, LANGUAGE_INFO
from helpers.course.manifest import NOTEBOOKS, ROOT

TARGET_RATIO = 1.25


def _pytest_seconds(paths: list[Path], cwd: Path) -> float:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "-o",
        "addopts=",
        *map(str, paths),
    ]
    if (ROOT / "tests" / "sanitize.cfg").exists():
        command[6:6] = ["--nbval-sanitize-with", str(ROOT / "tests" / "sanitize.cfg")]
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def floor_notebooks(count: int, folder: Path) -> list[Path]:
    paths = []
    for i in range(count):
        cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
        cell.outputs = [
            nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
        ]
        nb = nbformat.v4.new_notebook(cells=[cell])
        nb.metadata.update(kernelspec=KERNELSPEC, language_info=LANGUAGE_INFO)
        path = folder / f"floor-{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def main() -> int:
    notebooks = [nb.path for nb in NOTEBOOKS]
    suite = _pytest_seconds(notebooks, ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        floor = _pytest_seconds(floor_notebooks(len(notebooks), Path(tmp)), Path(tmp))
    ratio = suite / floor
    verdict = "within" if ratio <= TARGET_RATIO else "over"
    print(f"notebook suite: {suite:6.1f} s for {len(notebooks)} notebooks")
    print(f"floor:          {floor:6.1f} s for {len(notebooks)} one-cell notebooks")
    print(f"ratio:          {ratio:6.2f} ({verdict} the target of {TARGET_RATIO})")
    return 0
