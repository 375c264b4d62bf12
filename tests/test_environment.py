"""The set-up check says exactly what is wrong and how to fix it."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

from helpers import environment as env

ROOT = Path(__file__).resolve().parents[1]


def test_supported_and_unsupported_pythons():
    assert env.check_python((3, 11)).ok
    newer = env.check_python((3, 14))
    assert newer.ok and "newer than the course was tested on" in newer.text
    old = env.check_python((3, 9))
    assert not old.ok and "too old" in old.text and "3.10 to 3.13" in old.text


def test_missing_and_wrong_version_packages_say_how_to_fix():
    missing = env.check_package("no-such-package-xyz", {})
    assert (
        not missing.ok
        and "missing" in missing.text
        and "pip install -r requirements.txt" in missing.text
    )
    wrong = env.check_package("requests", {"requests": "0.0.1"})
    assert not wrong.ok and "the course pins 0.0.1" in wrong.text
    assert env.check_package("requests", env.pinned_versions()).ok


def test_pins_follow_python_version_markers(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text('a==1 ; python_version < "3.11"\na==2 ; python_version >= "3.11"\nb==3\n-e .\n')
    pins = env.pinned_versions(req)
    assert pins["b"] == "3"
    assert pins["a"] == ("1" if sys.version_info < (3, 11) else "2")


def test_helpers_importable_here():
    assert env.check_helpers_importable().ok


def test_script_runs_without_helpers_on_the_path(tmp_path):
    # -I: isolated mode, no site-packages from the user, like a learner's plain python
    result = subprocess.run(
        [sys.executable, str(ROOT / "helpers" / "environment.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("✅ Ready")


def test_report_lists_problems_with_a_count(capsys, monkeypatch):
    monkeypatch.setattr(env, "PACKAGES", ("requests", "no-such-package-xyz"))
    env.report()
    out = capsys.readouterr().out
    assert "❌ no-such-package-xyz is missing" in out and "1 problem(s) to fix" in out
    assert "requests" not in out, "without verbose only problems are listed"


def test_on_colab_the_check_uses_colab_versions_and_says_to_rerun_the_setup_cell(
    capsys, monkeypatch
):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(env, "PACKAGES", ("requests", "jupyterlab", "no-such-package-xyz"))
    pins = {"requests": "0.0.1"}  # a pin Colab does not meet must not be reported there
    monkeypatch.setattr(env, "pinned_versions", lambda: pins)
    env.report(verbose=True)
    out = capsys.readouterr().out
    assert "Google Colab" in out and "simulate(live=True)" in out
    assert "✅ requests" in out, "Colab's own requests version is fine"
    assert "jupyterlab" not in out, "Colab is the notebook UI; JupyterLab is not needed there"
    assert "❌ no-such-package-xyz is missing: run the notebook's first code cell" in out
    assert "requirements.txt" not in out


def test_off_colab_a_wrong_version_still_names_requirements(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setattr(env, "PACKAGES", ("requests",))
    monkeypatch.setattr(env, "pinned_versions", lambda: {"requests": "0.0.1"})
    problems = [f.text for f in env.findings() if not f.ok]
    assert len(problems) == 1 and "requirements.txt" in problems[0]


def test_module_form_runs_before_flask_and_friends_are_installed():
    """`python -m helpers.environment -v` is the check a learner runs when set-up failed: it
    must work when Flask, responses and requests are missing (simulated by blocking them)."""
    root = Path(__file__).resolve().parents[1]
    blocked = ["flask", "werkzeug", "responses", "requests", "urllib3", "httpbin", "waitress"]
    code = (
        "import sys, runpy\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "sys.argv = ['helpers.environment', '-v']\n"
        "runpy.run_module('helpers.environment', run_name='__main__')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "problem(s) to fix" in result.stdout or "✅" in result.stdout, result.stdout


def test_in_the_browser_only_the_runtime_packages_are_checked(monkeypatch, capsys):
    monkeypatch.setattr(env.sys, "platform", "emscripten")
    monkeypatch.setattr(env, "check_python", lambda: env.Finding(True, "Python 3.14"))
    names = " ".join(f.text for f in env.findings())
    for not_needed in ("waitress", "jupyterlab", "pytest", "nbval"):
        assert not_needed not in names
    assert "browser edition" in names and "requests" in names
    missing = env.check_package("no-such-package-xyz", {}, env.BROWSER_FIX).text
    assert "reload the page" in missing and "pip install" not in missing
