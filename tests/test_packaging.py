"""Pins, Binder and CI agree with each other and with the README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
