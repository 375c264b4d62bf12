"""Compare a Pyodide run of a notebook (``run_notebooks.mjs`` JSON) with its stored outputs.

What is compared, per code cell: the text of each output in order: stdout and stderr streams,
and ``text/plain`` of results and displays (``text/html`` is pandas' rendering of the same
table). A cell that raised in Pyodide always differs.

Normalisation, applied to both sides before comparing:

1. the course's nbval rules (``tests/sanitize.cfg``: times, loopback ports, dates, addresses...);
2. :data:`BROWSER_RULES`: what differs between CPython on a laptop and Pyodide for reasons that
   are not the course's: the Python version, and the content encodings urllib3 offers (it offers
   ``br`` only where a brotli package is installed, ``zstd`` where Python has zstandard, so
   Python 3.14 in Pyodide offers ``gzip, deflate, zstd``), and with them the length of a body
   that echoes the request's headers.

Cells tagged ``nbval-ignore-output`` are not compared (as under nbval). Cells listed in
``differences.csv`` (notebook, cell id, reason) are expected to differ in the browser and are
reported, not compared.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SANITIZE = ROOT / "tests" / "sanitize.cfg"
DIFFERENCES = Path(__file__).with_name("differences.csv")

BROWSER_RULES = [
    (r"\bPython 3\.\d+(\.\d+)?\b", "Python <version>"),
    (r"gzip, deflate(, br)?(, zstd)?", "<encodings>"),
    # ...so the length of a body that echoes the request headers (httpbin) differs too
    (r"(Content-Length:\s+)\d+", r"\1<length>"),
    (r"(len\(r\.content\):\s+)\d+", r"\1<length>"),
]


def nbval_rules(path: Path = SANITIZE) -> list[tuple[str, str]]:
    """The ``regex:``/``replace:`` pairs of an nbval sanitize file."""
    rules: list[tuple[str, str]] = []
    pattern = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex: "):
            pattern = line[len("regex: ") :]
        elif line.startswith("replace: ") and pattern is not None:
            rules.append((pattern, line[len("replace: ") :]))
            pattern = None
    return rules


def normalise(text: str, rules: list[tuple[str, str]]) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text)
    return text


def texts(outputs: list[dict]) -> list[str]:
    """Each output as one text: ``stdout: ...``, ``stderr: ...``, ``result: ...``, ``error:``."""
    found: list[str] = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            text = output["text"]
            text = "".join(text) if isinstance(text, list) else text
            if found and found[-1].startswith(f"{output['name']}: "):
                found[-1] += text
            else:
                found.append(f"{output['name']}: {text}")
        elif kind in {"execute_result", "display_data"}:
            plain = output.get("data", {}).get("text/plain", "")
            found.append("result: " + ("".join(plain) if isinstance(plain, list) else plain))
        elif kind == "error":
            found.append(f"error: {output['ename']}: {output['evalue']}")
    return found


@dataclass(frozen=True)
class Difference:
    notebook: str
    cell_id: str
    reason: str


def expected_differences(path: Path = DIFFERENCES) -> dict[tuple[str, str], str]:
    """(notebook, cell id) -> why the cell differs in the browser."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f) if not row["notebook"].startswith("#")]
    return {(row["notebook"], row["cell_id"]): row["reason"] for row in rows}


@dataclass
class Comparison:
    notebook: str
    compared: int = 0
    expected: list[Difference] | None = None
    unexpected: list[str] | None = None  # one message per cell that differs without a reason
    unused: list[str] | None = None  # listed differences that no longer differ

    @property
    def ok(self) -> bool:
        return not self.unexpected


def compare(notebook: Path, run: dict, differences: dict[tuple[str, str], str]) -> Comparison:
    """Compare the stored outputs of ``notebook`` with ``run`` (the runner's JSON)."""
    rules = nbval_rules() + [(p, r) for p, r in BROWSER_RULES]
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    fresh = {cell["index"]: cell for cell in run["cells"]}
    result = Comparison(notebook.name, expected=[], unexpected=[], unused=[])
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        cell_id = cell.get("id", str(index))
        stored = [normalise(t, rules) for t in texts(cell.get("outputs", []))]
        got = [normalise(t, rules) for t in texts(fresh.get(index, {"outputs": []})["outputs"])]
        reason = differences.get((notebook.name, cell_id))
        ignored = "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])
        if ignored and not any(t.startswith("error: ") for t in got):
            continue
        same = stored == got
        if reason is not None:
            result.expected.append(Difference(notebook.name, cell_id, reason))
            if same:
                result.unused.append(f"{notebook.name} cell {index} ({cell_id}): {reason}")
            continue
        result.compared += 1
        if not same:
            result.unexpected.append(
                f"{notebook.name} cell {index} (id {cell_id}) differs in Pyodide:\n"
                f"  stored: {stored!r}\n  pyodide: {got!r}"
            )
    return result
