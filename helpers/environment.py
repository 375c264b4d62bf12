"""Is this Python environment ready for the course? ``python -m helpers.environment``

Checks the Python version and that each package the notebooks use is installed at the version
``requirements.txt`` pins, and says exactly what to do about anything that is not.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

SUPPORTED = ((3, 10), (3, 13))
PACKAGES = (
    "requests", "urllib3", "responses", "flask", "httpbin", "waitress", "pandas", "tqdm",
    "python-dotenv", "jupyterlab", "ipykernel", "pytest", "nbval",
)  # fmt: skip
REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
FIX = "run:  python -m pip install -r requirements.txt  (from the course folder)"


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


def pinned_versions(path: Path = REQUIREMENTS) -> dict[str, str]:
    """Package name -> pinned version for this Python (markers evaluated simply)."""
    if not path.exists():
        return {}
    pins: dict[str, str] = {}
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)\s*(?:;\s*(.+))?$", line.strip())
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not _marker_holds(marker, here):
            continue
        pins[name.lower()] = version
    return pins


def _marker_holds(marker: str, here: str) -> bool:
    match = re.fullmatch(r'python_version\s*(<|>=|==)\s*"(\d+\.\d+)"', marker.strip())
    if not match:
        return True
    op, version = match.groups()
    key = tuple(int(x) for x in here.split("."))
    other = tuple(int(x) for x in version.split("."))
    return {"<": key < other, ">=": key >= other, "==": key == other}[op]


def check_python(version: tuple[int, int] | None = None) -> Finding:
    version = version or sys.version_info[:2]
    shown = f"{version[0]}.{version[1]}"
    low, high = SUPPORTED
    if version < low:
        return Finding(False, f"Python {shown} is too old: install Python 3.10 to 3.13, then {FIX}")
    if version > high:
        return Finding(True, f"Python {shown} is newer than the course was tested on (3.10–3.13)")
    return Finding(True, f"Python {shown}")


def check_package(name: str, pins: dict[str, str]) -> Finding:
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        return Finding(False, f"{name} is missing: {FIX}")
    wanted = pins.get(name.lower())
    if wanted and installed != wanted:
        return Finding(False, f"{name} {installed} is installed, the course pins {wanted}: {FIX}")
    return Finding(True, f"{name} {installed}")


def findings() -> list[Finding]:
    pins = pinned_versions()
    return [check_python(), *(check_package(name, pins) for name in PACKAGES)]


def report(verbose: bool = False) -> None:
    """Print the check: every finding with ``verbose``, otherwise only the problems."""
    print_findings(findings(), verbose)


def print_findings(results: list[Finding], verbose: bool) -> bool:
    """Print ``results``; True when there is nothing to fix."""
    problems = [f for f in results if not f.ok]
    for finding in results if verbose else problems:
        print(("✅ " if finding.ok else "❌ ") + finding.text)
    if problems:
        print(f"{len(problems)} problem(s) to fix before the course will run as written.")
    else:
        print(f"✅ Ready: {results[0].text} and all {len(PACKAGES)} course packages as pinned.")
    return not problems


if __name__ == "__main__":
    raise SystemExit(0 if print_findings(findings(), verbose="-v" in sys.argv) else 1)
