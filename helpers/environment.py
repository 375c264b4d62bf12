"""Is this Python environment ready for the course?

    python helpers/environment.py        (from the course folder; works before anything is set up)
    python -m helpers.environment -v     (every check, not only the problems)

Checks the Python version, that each package the notebooks use is installed at the version
``requirements.txt`` pins, that the course's ``helpers`` package is importable, and says exactly
what to do about anything that is not. On Google Colab it checks Colab's own versions instead of
the pins (the setup cell adds what Colab lacks). Only the standard library is used, so it runs (as a
script) even in an environment where nothing has been installed yet.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info < (3, 10):  # noqa: UP036 (this check is for learners on older Pythons)
    print(
        f"❌ Python {sys.version_info[0]}.{sys.version_info[1]} is too old for this course: "
        "install Python 3.10 to 3.13 (https://www.python.org/downloads/), then set up again."
    )
    raise SystemExit(1)

from importlib import metadata

SUPPORTED = ((3, 10), (3, 13))
PACKAGES = (
    "requests", "urllib3", "responses", "flask", "httpbin", "waitress", "pandas", "tqdm",
    "python-dotenv", "jupyterlab", "ipykernel", "pytest", "nbval",
)  # fmt: skip
REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
FIX = "run:  python -m pip install -r requirements.txt  (from the course folder)"
# On Google Colab the kernel's own packages stay as Colab ships them (reinstalling pins under a
# running kernel breaks it); the notebook's setup cell adds only what is missing.
COLAB_FIX = "run the notebook's first code cell (the setup cell) again, then this check"
COLAB_NOT_NEEDED = {"jupyterlab", "pytest", "nbval"}  # Colab is the UI; tests run elsewhere
COLAB_NOTE = (
    "Google Colab: Colab's own package versions are used, not the pins; "
    "to go live there, run simulate(live=True) instead of simulate()"
)


def on_colab() -> bool:
    return "google.colab" in sys.modules


# The browser edition (JupyterLite, Pyodide): the site preloads the course's runtime packages;
# there is no server, no waitress, no test tools, and pandas only where the site has it.
BROWSER_NOT_NEEDED = {"waitress", "jupyterlab", "ipykernel", "pytest", "nbval", "pandas"}
BROWSER_FIX = "reload the page (the browser edition installs the course's packages itself)"
BROWSER_NOTE = (
    "browser edition (Pyodide): the site's own package versions are used; cells that need "
    "threads or sockets say so and skip; pandas is there only where the site includes it"
)


def in_browser() -> bool:
    """Pyodide (not imported from helpers.runtime: this script runs before helpers can)."""
    return sys.platform == "emscripten"


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
    if version > high and not in_browser():
        return Finding(True, f"Python {shown} is newer than the course was tested on (3.10–3.13)")
    return Finding(True, f"Python {shown}")


def check_package(name: str, pins: dict[str, str], fix: str = FIX) -> Finding:
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        return Finding(False, f"{name} is missing: {fix}")
    wanted = pins.get(name.lower())
    if wanted and installed != wanted:
        return Finding(False, f"{name} {installed} is installed, the course pins {wanted}: {FIX}")
    return Finding(True, f"{name} {installed}")


def check_helpers_importable(fix: str = FIX) -> Finding:
    """The notebooks import ``helpers``; it is installed by the last line of requirements.txt."""
    spec = importlib.util.find_spec("helpers")
    if spec is None or spec.origin is None:
        return Finding(False, f"the course's helpers package is not importable: {fix}")
    location = Path(spec.origin).resolve().parent
    if location != Path(__file__).resolve().parent:
        return Finding(
            False,
            f"`import helpers` finds {location}, not this course's helpers folder: "
            f"another package is called helpers; {FIX} in a fresh virtual environment",
        )
    return Finding(True, "helpers package importable")


def findings() -> list[Finding]:
    if in_browser():
        names = [name for name in PACKAGES if name not in BROWSER_NOT_NEEDED]
        return [
            check_python(),
            Finding(True, BROWSER_NOTE),
            *[check_package(name, {}, BROWSER_FIX) for name in names],
            check_helpers_importable(BROWSER_FIX),
        ]
    if on_colab():
        names = [name for name in PACKAGES if name not in COLAB_NOT_NEEDED]
        packages = [check_package(name, {}, COLAB_FIX) for name in names]
        return [
            check_python(),
            Finding(True, COLAB_NOTE),
            *packages,
            check_helpers_importable(COLAB_FIX),
        ]
    pins = pinned_versions()
    packages = [check_package(name, pins) for name in PACKAGES]
    return [check_python(), *packages, check_helpers_importable()]


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
        skipped = BROWSER_NOT_NEEDED if in_browser() else COLAB_NOT_NEEDED if on_colab() else set()
        count = len([n for n in PACKAGES if n not in skipped])
        pinned = (
            "at the site's versions"
            if in_browser()
            else "at Colab's versions"
            if on_colab()
            else "as pinned"
        )
        print(f"✅ Ready: {results[0].text}, all {count} course packages {pinned}, helpers.")
    return not problems


if __name__ == "__main__":
    raise SystemExit(0 if print_findings(findings(), verbose="-v" in sys.argv) else 1)
