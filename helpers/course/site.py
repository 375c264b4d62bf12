"""Build the browser edition of the course (JupyterLite + Pyodide) into ``build/lite/``.

    python -m helpers.course site [--pyodide URL_OR_PATH] [--out build/lite]

One command from a clean clone (needs ``node``/``npm`` and PyPI):

1. JupyterLite (``lite/requirements.txt``: ``jupyterlite-core`` and ``jupyterlite-pyodide-kernel``
   0.8.6) is installed into its own environment, ``build/lite-venv``, so the course's pins are
   untouched.
2. Pyodide: the npm package pinned in ``package.json`` (``npm ci``). It has Python and no
   compiled packages, so with ``--pyodide`` (or ``COURSE_PYODIDE_DIST``) pandas and its
   dependencies are taken from the full distribution (its base URL, e.g.
   ``https://cdn.jsdelivr.net/pyodide/v314.0.6/full/``, a tarball or a folder; the deploy job
   does this). The lock file (``pyodide-lock.json``) is pruned to the packages the site has, so
   without them ``import pandas`` says "No module named 'pandas'" instead of fetching a file
   that is not there.
3. The pure-Python wheels the course needs (``tests/pyodide/wheels.py``: the pins of
   ``requirements.txt``), the course's own wheel and the Pyodide kernel's wheels are added to the
   lock and preloaded (``loadPyodideOptions.packages``): notebooks need no install cell, nothing is
   fetched from PyPI (``disablePyPIFallback``).
4. Contents: the notebooks, the reference files, ``helpers/solutions/`` (for ``%load``), the README
   files and ``.gitignore`` (notebook 04 reads it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

from helpers.course import nav
from helpers.course.manifest import NOTEBOOKS, ROOT

LITE = ROOT / "lite"
BUILD = ROOT / "build"
OUT = BUILD / "lite"
STAGE = BUILD / "lite-src"  # the lite dir handed to `jupyter lite build`
VENV = BUILD / "lite-venv"
CACHE = BUILD / "lite-cache"  # downloaded Pyodide distributions
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
KERNEL_EXTENSION = "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
DIST_ENV_VAR = "COURSE_PYODIDE_DIST"

# What learners open: copied into the site's contents (paths from the repository root).
CONTENTS = (
    "notebooks", "helpers/solutions", "README.md", "instructors/README.md", "LICENSE",
    "requirements.txt", ".gitignore",
)  # fmt: skip
SKIP = {".ipynb_checkpoints", "__pycache__"}
# The npm package's files the site needs (type definitions, the consoles and maps are left out).
PYODIDE_FILES = (
    "pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
    "pyodide-lock.json", "package.json",
)  # fmt: skip
# The Pyodide kernel's own wheels (piplite, the kernel, the ipykernel shim), preloaded too.
KERNEL_WHEELS = ("piplite", "pyodide_kernel", "ipykernel")
# Taken from the full distribution when it is given (the npm package has no compiled packages):
# notebooks 02, 08 and 09 use pandas. The Pyodide kernel loads them when a cell imports them.
FULL_PACKAGES = ("pandas",)


def log(message: str) -> None:
    print(f"[site] {message}", flush=True)


def run(*command: str | Path, cwd: Path = ROOT) -> None:
    subprocess.run([str(c) for c in command], cwd=cwd, check=True)


def lite_venv() -> Path:
    """``build/lite-venv`` with ``lite/requirements.txt`` installed; returns its ``jupyter``."""
    python = VENV / "bin" / "python"
    if not python.exists():
        run(sys.executable, "-m", "venv", VENV)
    run(python, "-m", "pip", "install", "--quiet", "-r", LITE / "requirements.txt")
    return VENV / "bin" / "jupyter"


def npm_pyodide() -> Path:
    """The npm package pinned in package.json (``npm ci`` when missing or another version)."""
    wanted = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    installed = NPM_PYODIDE / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != wanted:
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed for Pyodide (package.json): install Node.js 20+")
        run("npm", "ci", "--no-audit", "--no-fund")
    return NPM_PYODIDE


def closure(lock: dict, names: tuple[str, ...]) -> list[str]:
    """``names`` and everything they depend on, by the lock's ``depends``."""
    packages, seen, todo = lock["packages"], [], list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.append(name)
            todo += packages[name]["depends"]
    return seen


def fetch_from_full(source: str, lock: dict, target: Path) -> list[str]:
    """Copy the files of :data:`FULL_PACKAGES` (and their dependencies) into ``target`` from the
    full distribution ``source``: a folder, a ``.tar.bz2`` (path or URL), or the distribution's
    base URL (``https://cdn.jsdelivr.net/pyodide/v314.0.6/full/``). Each file is checked
    against the lock's sha256; downloads are cached in ``build/lite-cache``."""
    names = closure(lock, FULL_PACKAGES)
    files = {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in names}
    folder = _full_folder(source)
    for name, sha256 in files.items():
        if folder is not None:
            cached = folder / name
        else:
            cached = CACHE / lock["info"]["version"] / name
            if not cached.exists():
                log(f"downloading {name}")
                _download(source.rstrip("/") + "/" + name, cached)
        if not cached.exists():
            raise SystemExit(f"{name} is not in the full Pyodide distribution at {source}")
        if hashlib.sha256(cached.read_bytes()).hexdigest() != sha256:
            raise SystemExit(
                f"{cached} does not match pyodide-lock.json (another Pyodide version?)"
            )
        shutil.copy2(cached, target / name)
    return names


def _download(url: str, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    with urllib.request.urlopen(url, timeout=300) as response, partial.open("wb") as out:
        shutil.copyfileobj(response, out)
    partial.rename(dest)


def _full_folder(source: str) -> Path | None:
    """A local folder holding the distribution's files (a tarball is unpacked into the cache);
    None for a base URL, whose files are downloaded one by one."""
    if Path(source).is_dir():
        return Path(source)
    if not source.endswith((".tar.bz2", ".tar.gz", ".tgz")):
        if not re.match(r"https?://", source):
            raise SystemExit(f"--pyodide {source}: neither a folder, a tarball nor a URL")
        return None
    archive = Path(source)
    if re.match(r"https?://", source):
        archive = CACHE / source.rsplit("/", 1)[-1]
        if not archive.exists():
            log(f"downloading {source}")
            _download(source, archive)
    unpacked = CACHE / archive.name.split(".tar")[0]
    if not unpacked.exists():
        log(f"unpacking {archive.name}")
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="data")
    return next(unpacked.rglob("pyodide-lock.json")).parent


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_entry(wheel: Path) -> dict:
    """A pyodide-lock.json entry for a pure-Python wheel (loaded as it is, no dependencies)."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        fields = dict(
            line.split(": ", 1) for line in zf.read(meta).decode().splitlines()[:10] if ": " in line
        )
    imports = sorted(
        {
            n.split("/")[0].removesuffix(".py")
            for n in names
            if not n.split("/")[0].endswith((".dist-info", ".data"))
            and (n.endswith(".py") or "/" in n)
        }
    )
    return {
        "name": canonical(fields["Name"]),
        "version": fields["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": imports,
        "depends": [],
        "unvendored_tests": False,
    }


def course_wheels() -> list[Path]:
    """The wheels of tests/pyodide/wheels.py (the pins of requirements.txt) + the kernel's."""
    path = ROOT / "tests" / "pyodide" / "wheels.py"
    spec = importlib.util.spec_from_file_location("course_pyodide_wheels", path)
    wheels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wheels)
    found = wheels.collect(wheels.DEST)
    kernel_pypi = VENV / KERNEL_EXTENSION / "static" / "pypi"
    for stem in KERNEL_WHEELS:
        found += sorted(kernel_pypi.glob(f"{stem}-*-py3-none-any.whl"))
    if len(found) < len(wheels.RUNTIME) + len(KERNEL_WHEELS):
        raise SystemExit(f"missing wheels: found only {[w.name for w in found]}")
    return found


def stage_pyodide(target: Path, wheels: list[Path], full: str | None) -> list[str]:
    """Pyodide from npm in ``target``, plus pandas from the ``full`` distribution if given, and
    ``wheels`` added to its lock. The lock keeps only what the site has (so ``import pandas``
    without the full distribution fails at once instead of fetching a missing file). Returns
    the package names to preload."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    source = npm_pyodide()
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    lock = json.loads((target / "pyodide-lock.json").read_text())
    if full:
        fetch_from_full(full, lock, target)
    packages = {k: v for k, v in lock["packages"].items() if (target / v["file_name"]).exists()}
    keys = {canonical(k): k for k in lock["packages"]}
    preload = []
    for wheel in wheels:
        entry = wheel_entry(wheel)
        key = keys.get(entry["name"], entry["name"])
        old = packages.get(key)
        if old and old["file_name"] != wheel.name:
            (target / old["file_name"]).unlink()
        entry["name"] = key
        packages[key] = entry
        shutil.copy2(wheel, target / wheel.name)
        preload.append(key)
    lock["packages"] = packages
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return preload


def stage_contents(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    for relative in CONTENTS:
        source = ROOT / relative
        if source.is_dir():
            shutil.copytree(source, target / relative, ignore=shutil.ignore_patterns(*SKIP))
        elif source.exists():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    for nb in NOTEBOOKS:  # the browser edition's top cells: no launch badges (internet images)
        path = target / "notebooks" / nb.filename
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell.get("metadata", {}).get(nav.NAV_KEY) == "top":
                cell["source"] = nav.top_cell_source(nb, badges=False)
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")


def stage_config(target: Path, preload: list[str]) -> None:
    """lite/'s configuration, with the kernel told to preload ``preload`` and never use PyPI."""
    for name in ("jupyter_lite_config.json", "overrides.json"):
        if (LITE / name).exists():
            shutil.copy2(LITE / name, target / name)
    config = json.loads((LITE / "jupyter-lite.json").read_text())
    settings = config.setdefault("jupyter-config-data", {}).setdefault("litePluginSettings", {})
    kernel = settings.setdefault(KERNEL_PLUGIN, {})
    kernel["disablePyPIFallback"] = True
    kernel.setdefault("loadPyodideOptions", {})["packages"] = preload
    (target / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")


def build(out: Path = OUT, pyodide: str | None = None) -> Path:
    """Build the site into ``out``; ``pyodide``: the full distribution (else the npm one)."""
    started = time.monotonic()
    jupyter = lite_venv()
    log(f"Pyodide: the npm package{', pandas from ' + pyodide if pyodide else ' (no pandas)'}")
    wheels = course_wheels()
    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    preload = stage_pyodide(STAGE / "static" / "pyodide", wheels, pyodide)
    stage_contents(STAGE / "files")
    stage_config(STAGE, preload)
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("JUPYTERLITE_PYODIDE_URL", None)  # the staged Pyodide is the one to use
    subprocess.run(
        [str(jupyter), "lite", "build", "--lite-dir", str(STAGE), "--output-dir", str(out),
         "--contents", str(STAGE / "files")],
        cwd=STAGE, env=env, check=True,
    )  # fmt: skip
    (out / ".nojekyll").write_text("")  # GitHub Pages: serve folders starting with _ as they are
    check(out, full=bool(pyodide))
    log(f"built {out} in {time.monotonic() - started:.0f} s ({len(preload)} packages preloaded)")
    return out


def check(out: Path, full: bool) -> None:
    """The built site has what learners need; a clear message when it does not."""
    problems = []
    for relative in ("notebooks/00-start-here.ipynb", ".gitignore", "helpers/solutions"):
        if not (out / "files" / relative).exists():
            problems.append(f"files/{relative} is missing")
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][KERNEL_PLUGIN]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":
        problems.append(f"the kernel's pyodideUrl is {kernel.get('pyodideUrl')!r}, not local")
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())
    if full != ("pandas" in lock["packages"]):
        problems.append("pandas is in the lock only with the full distribution")
    listing = json.loads((out / "api" / "contents" / "all.json").read_text())
    if ".gitignore" not in {item["name"] for item in listing["content"]}:
        problems.append(".gitignore is not listed in the site's contents (notebook 04 reads it)")
    if problems:
        raise SystemExit("the site is incomplete:\n  " + "\n  ".join(problems))


def main(out: Path = OUT, pyodide: str | None = None) -> int:
    build(out, pyodide or os.environ.get(DIST_ENV_VAR) or None)
    return 0
