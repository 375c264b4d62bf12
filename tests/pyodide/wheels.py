"""The wheels the course needs in Pyodide, collected into a local folder (cached under ``build/``).

    python tests/pyodide/wheels.py [--dest build/pyodide/wheels]

Every package is pure Python at the version ``requirements.txt`` pins (the pins for Python 3.11+,
since Pyodide runs Python 3.14), fetched from PyPI with ``pip download``. Two pins publish only
compiled wheels, MarkupSafe and PyYAML: both fall back to pure Python when their C extension is
absent, so their compiled wheel is re-tagged ``py3-none-any`` with the extension removed. The
course's own wheel is built from this checkout. Nothing is downloaded twice: a wheel already in the
folder is kept.

The site build (JupyterLite) can use the same list: :data:`RUNTIME` is what the notebooks import,
:data:`KERNEL` is what the Node runner adds to run cells the way a Jupyter kernel does (the
JupyterLite Pyodide kernel brings its own IPython).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEST = ROOT / "build" / "pyodide" / "wheels"
PYODIDE_PYTHON = "3.14"

# What the notebooks and the helpers import (requests' and Flask's dependencies included).
RUNTIME = (
    "requests", "urllib3", "idna", "certifi", "charset-normalizer", "responses", "pyyaml",
    "flask", "werkzeug", "jinja2", "itsdangerous", "blinker", "click", "markupsafe",
    "httpbin", "decorator", "six", "python-dotenv", "tqdm",
)  # fmt: skip
# What the runner adds so cells run in IPython, as in a Jupyter kernel.
KERNEL = (
    "ipython", "ipython_pygments_lexers", "traitlets", "jedi", "parso", "pygments", "stack-data",
    "asttokens", "executing", "pure_eval", "prompt_toolkit", "wcwidth", "matplotlib-inline",
    "comm",
)  # fmt: skip
# The runner installs the course's wheel with micropip (as JupyterLite would), so that its
# dependencies are checked: the version Pyodide's lock file (pyodide-lock.json) lists.
MICROPIP = ("micropip", "0.11.1")
# Compiled wheels only on PyPI, with a pure-Python fallback when the extension is missing.
STRIP_EXTENSIONS = {"markupsafe", "pyyaml"}


def pins(path: Path = ROOT / "requirements.txt") -> dict[str, str]:
    """Package name (lower case, ``_`` as ``-``) -> the version pinned for Python 3.11+."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)\s*(?:;\s*(.+))?$", line.strip())
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and "<" in marker:  # the pin for older Pythons
            continue
        found[normalise(name)] = version
    return found


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _have(dest: Path, name: str, version: str) -> bool:
    stem = re.sub(r"[-_.]+", "_", name).lower()
    return any(
        p.name.lower().startswith(f"{stem}-{version}-") and p.name.endswith("-none-any.whl")
        for p in dest.glob("*.whl")
    )


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "-q"], check=True)


def download(dest: Path, names: tuple[str, ...]) -> None:
    versions = pins()
    for name in names:
        version = versions.get(normalise(name))
        if version is None:
            raise SystemExit(f"{name} is not pinned in requirements.txt: pin it there first")
        if _have(dest, name, version):
            continue
        if normalise(name) in STRIP_EXTENSIONS:
            _pure_from_compiled(dest, name, version)
            continue
        _pip(
            "download", "--no-deps", "--only-binary=:all:", "--implementation", "py",
            "--python-version", PYODIDE_PYTHON, "--abi", "none", "--platform", "any",
            "-d", str(dest), f"{name}=={version}",
        )  # fmt: skip


def _pure_from_compiled(dest: Path, name: str, version: str) -> None:
    """Download the manylinux wheel for this Python, drop the C extension, tag it pure."""
    tmp = dest / "compiled"
    tmp.mkdir(exist_ok=True)
    _pip(
        "download", "--no-deps", "--only-binary=:all:", "--platform", "manylinux2014_x86_64",
        "-d", str(tmp), f"{name}=={version}",
    )  # fmt: skip
    stem = re.sub(r"[-_.]+", "_", name).lower()
    compiled = next(p for p in tmp.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-"))
    dist, ver = compiled.name.split("-")[:2]
    retag(compiled, dest / f"{dist}-{ver}-py3-none-any.whl")


def retag(source: Path, target: Path) -> None:
    """Copy wheel ``source`` to ``target`` without compiled files, tagged ``py3-none-any``."""
    records: list[str] = []
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        record_name = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
        for info in src.infolist():
            name = info.filename
            if name == record_name or name.endswith((".so", ".c", ".pyx")):
                continue
            data = src.read(name)
            if name.endswith(".dist-info/WHEEL"):
                lines = [
                    line
                    for line in data.decode().splitlines()
                    if not line.startswith(("Tag:", "Root-Is-Purelib:"))
                ]
                lines += ["Root-Is-Purelib: true", "Tag: py3-none-any"]
                data = ("\n".join(lines) + "\n").encode()
            out.writestr(info, data)
            if not name.endswith("/"):
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                records.append(f"{name},sha256={digest.decode()},{len(data)}")
        records.append(f"{record_name},,")
        out.writestr(record_name, "\n".join(records) + "\n")


def course_wheel(dest: Path) -> Path:
    """Build the course's own wheel from this checkout (always fresh: the code changes)."""
    for old in dest.glob("requests_course_helpers-*.whl"):
        old.unlink()
    _pip("wheel", "--no-deps", "-w", str(dest), str(ROOT))
    return next(dest.glob("requests_course_helpers-*.whl"))


def collect(dest: Path = DEST) -> list[Path]:
    """Every wheel the runner installs, downloading what is missing; the course's wheel last."""
    dest.mkdir(parents=True, exist_ok=True)
    download(dest, RUNTIME + KERNEL)
    name, version = MICROPIP
    if not _have(dest, name, version):
        _pip(
            "download", "--no-deps", "--only-binary=:all:", "--implementation", "py",
            "--python-version", PYODIDE_PYTHON, "--abi", "none", "--platform", "any",
            "-d", str(dest), f"{name}=={version}",
        )  # fmt: skip
    course = course_wheel(dest)
    wanted = {normalise(n) for n in RUNTIME + KERNEL} | {MICROPIP[0]}
    versions = {**pins(), MICROPIP[0]: MICROPIP[1]}
    found = []
    for wheel in sorted(dest.glob("*.whl")):
        dist, version = wheel.name.split("-")[:2]
        if normalise(dist) in wanted and versions.get(normalise(dist)) == version:
            found.append(wheel)
    return [*found, course]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dest", type=Path, default=DEST)
    args = parser.parse_args(argv)
    for wheel in collect(args.dest):
        print(wheel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
