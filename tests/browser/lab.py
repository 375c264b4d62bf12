"""Start JupyterLab the ways learners do, and Debian's chromium through Playwright.

Nothing here imports the course's ``helpers`` package (this runs in the browser test's own
environment): the manifest is loaded from its file, and JupyterLab runs from the course's .venv.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",  # containers (CI) have a small /dev/shm
]  # fmt: skip
# JupyterLab asks on first start whether to fetch Jupyter news; learners and screenshots should
# not be interrupted (Binder gets the same setting from binder/overrides.json).
# The test never saves a notebook: autosave would write Run All's outputs into the course.
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def load_manifest():
    """helpers/course/manifest.py, loaded by path (it needs only the standard library)."""
    path = ROOT / "helpers" / "course" / "manifest.py"
    spec = importlib.util.spec_from_file_location("course_manifest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def readme_launch_command() -> list[str]:
    """The JupyterLab part of the README's first command, e.g. ``.venv/bin/jupyter lab ...``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(c for c in re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL) if " lab" in c)
    return shlex.split(command.split("&&")[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str  # http://127.0.0.1:PORT
    opened: str  # the path JupyterLab opens first, e.g. /lab/tree/notebooks/00-start-here.ipynb
    root: Path
    log: Path

    def get(self, path: str) -> int:
        """HTTP status of ``path`` on this server (no token: the test server has none)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def contents_status(self, relative: str) -> int:
        """Status of ``relative`` (a path from the server's root) through the contents API."""
        return self.get("/api/contents/" + urllib.request.quote(relative) + "?content=0")

    def shut_down_kernels(self, page) -> None:
        """Stop every kernel (through ``page``'s session: a DELETE needs its XSRF cookie)."""
        cookies = {c["name"]: c["value"] for c in page.context.cookies(self.url)}
        headers = {"X-XSRFToken": cookies.get("_xsrf", "")}
        for kernel in page.request.get(f"{self.url}/api/kernels").json():
            page.request.delete(f"{self.url}/api/kernels/{kernel['id']}", headers=headers)


@contextmanager
def jupyterlab(
    command: list[str], cwd: Path, home: Path, opened: str | None = None, binder: bool = False
):
    """Run ``command`` (a ``jupyter lab`` command line) token-less on 127.0.0.1, no browser.

    ``opened`` is the path a browser is sent to (Binder's ``urlpath``); without it, the path the
    server itself would open (a file named on the command line) is read from its runtime files.
    ``binder``: JupyterLab's settings overrides come from binder/overrides.json, as postBuild
    installs them on Binder, instead of the test's quiet settings.
    """
    port = free_port()
    settings = dict(QUIET_SETTINGS)
    extra = []
    if binder:
        del settings["@jupyterlab/apputils-extension/notification"]
        (home / "app-settings").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "binder" / "overrides.json", home / "app-settings" / "overrides.json")
        extra.append(f"--LabApp.app_settings_dir={home / 'app-settings'}")
    for name, values in settings.items():
        settings = home / "settings" / f"{name}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values))
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    env.pop("COURSE_LIVE", None)
    extra += [
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--IdentityProvider.token=", "--ServerApp.password=",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        extra.append("--allow-root")  # CI containers run as root
    executable = command[0] if command[0].startswith("/") else str(cwd / command[0])
    log = home / "jupyterlab.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [executable, *command[1:], *extra], cwd=cwd, env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    # JupyterLab saves a checkpoint of each notebook it opens; the test leaves none behind
    checkpoints = [d / ".ipynb_checkpoints" for d in (cwd, cwd / "notebooks")]
    created = [d for d in checkpoints if not d.exists()]
    try:
        deadline = time.monotonic() + 60
        lab = Lab(url, opened or "", cwd, log)
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start in 60 s: {log.read_text()[-2000:]}")
            try:
                if lab.get("/api/status") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        if opened is None:
            lab.opened = _file_to_open(home / "runtime", url)
        yield lab
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        for folder in created:
            shutil.rmtree(folder, ignore_errors=True)


def _file_to_open(runtime: Path, url: str) -> str:
    """The URL path jupyter_server writes for the browser when a file is named to open."""
    for page in runtime.glob("jpserver-file-to-run-*-open.html"):
        match = re.search(r'url=([^"]+)"', page.read_text())
        if match:
            return match.group(1).replace(url, "", 1)
    return "/lab"


def copy_tracked_files(destination: Path) -> None:
    """A clean copy of the repository's tracked files (a hub user's clone, for instance)."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            target = destination / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
