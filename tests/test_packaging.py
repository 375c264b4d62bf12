"""Pins, Binder and CI agree with each other and with the README."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def requirement_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_requirement_is_pinned():
    for line in requirement_lines(ROOT / "requirements.txt"):
        assert line == "-e ." or re.match(r"^[A-Za-z0-9_.-]+==[^=;\s]+( ; .+)?$", line), line
    assert requirement_lines(ROOT / "requirements.txt")[-1] == "-e ."


def test_binder_installs_exactly_the_same_pins():
    assert requirement_lines(ROOT / "binder" / "requirements.txt") == requirement_lines(
        ROOT / "requirements.txt"
    )
    assert re.fullmatch(r"python-3\.1[0-3]\n?", (ROOT / "binder" / "runtime.txt").read_text())


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(python3 -m venv .*?)\n```", readme)
    assert len(commands) == 2, "the README has exactly two set-up commands"
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    launch = next(c for c in commands if "lab" in c)
    # JupyterLab's root is the repository (README, instructors/ and the notebooks' "Contents" link
    # to ../README.md resolve), and it opens notebook 00
    assert launch.endswith("jupyter lab --notebook-dir=. notebooks/00-start-here.ipynb")


def test_helpers_is_importable_outside_the_repository(tmp_path):
    code = "import helpers, pathlib; print(pathlib.Path(helpers.__file__).parent.name)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "helpers"


def test_issue_template_lists_every_notebook():
    from helpers.course.manifest import NOTEBOOKS

    template = (ROOT / ".github" / "ISSUE_TEMPLATE" / "learner-problem.yml").read_text()
    listed = re.findall(r"^\s+- (\d\d-[\w-]+\.ipynb)$", template, re.MULTILINE)
    assert listed == [nb.filename for nb in NOTEBOOKS]


# Google Colab's preinstalled versions of what the course touches (googlecolab/backend-info,
# pip-freeze.txt of August 2026, Python 3.13). The setup cell must leave them as they are.
COLAB_PACKAGES = {
    "requests": "2.32.4", "urllib3": "2.5.0", "pandas": "2.2.3", "ipykernel": "6.17.1",
    "ipython": "7.34.0", "flask": "3.1.3", "werkzeug": "3.1.8", "greenlet": "3.5.5",
    "decorator": "4.4.2", "pyyaml": "6.0.3", "python-dotenv": "1.2.3", "tqdm": "4.67.3",
}  # fmt: skip
COLAB_PROBE = """
import os, requests
from importlib.metadata import version
r = requests.get("https://httpbin.org/get", params={"topic": "colab"}, timeout=5)
print("ECHO", r.json()["args"])
print("CWD", os.getcwd())
print("SOLUTIONS", os.path.exists("../helpers/solutions/00-first-request.py"))
print("VERSIONS", {name: version(name) for name in %r})
"""


def colab_python() -> str:
    """Colab runs Python 3.13; the newest 3.13 or 3.12 here stands in (httpbin wants an older
    greenlet on 3.10 and 3.11, so the check that Colab's packages stay put needs 3.12+)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for version in ("3.13", "3.12"):
        candidates = [
            shutil.which(f"python{version}"),
            *sorted(pyenv.glob(f"{version}*/bin/python")),
        ]
        for found in filter(None, candidates):
            if subprocess.run([found, "-c", ""], capture_output=True).returncode == 0:
                return str(found)
    pytest.skip("needs Python 3.12 or 3.13 (Colab runs 3.13)")


@pytest.mark.slow
def test_colab_setup_cell_fetches_the_course_and_keeps_colabs_packages(tmp_path):
    from helpers.course.manifest import NOTEBOOKS, clone_url

    if not (ROOT / ".git").exists():  # .ci/binder-check tests a copy of the files, no history
        pytest.skip("the Colab set-up clones the course: this copy is not a git repository")

    venv = tmp_path / "colab"
    subprocess.run([colab_python(), "-m", "venv", str(venv)], check=True)
    pins = [f"{name}=={version}" for name, version in COLAB_PACKAGES.items()]
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *pins]
    subprocess.run(pip, check=True, timeout=600)
    stub = tmp_path / "stub" / "google" / "colab"  # `import google.colab` works, as on Colab
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("")
    (stub.parent / "__init__.py").write_text("")
    content = tmp_path / "content"  # Colab's /content
    content.mkdir()
    setup = next(
        c for c in json.loads(NOTEBOOKS[0].path.read_text())["cells"] if c["cell_type"] == "code"
    )
    script = tmp_path / "setup.ipy"
    script.write_text(
        "import google.colab\n"
        + "".join(setup["source"]).replace("/content", str(content))
        + COLAB_PROBE % list(COLAB_PACKAGES)
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path / "stub"),
        # the clone comes from this repository (its last commit), not from GitHub
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{ROOT.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": clone_url(),
    }
    env.pop("COURSE_LIVE", None)
    ipython = [str(venv / "bin" / "ipython"), "--quick", "--no-banner", str(script)]
    run = subprocess.run(
        ipython, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "Offline mode" in out, "the setup cell's simulate() ran"
    assert "ECHO {'topic': 'colab'}" in out, out
    assert f"CWD {content / 'course' / 'notebooks'}" in out, out
    assert "SOLUTIONS True" in out, "relative paths such as %load ../helpers/solutions/... hold"
    versions = ast.literal_eval(out.split("VERSIONS ", 1)[1].splitlines()[0])
    assert versions == COLAB_PACKAGES, "the setup cell replaced Colab's own packages"
