"""The browser edition as a learner meets it: the built JupyterLite site in chromium, offline.

Notebook 00 opens at the address of its "Run in your browser" badge, Run All runs every code cell
in Pyodide (the setup banner, a simulated ``requests.get("https://httpbin.org/get", timeout=5)``,
the exercise checker), a right answer to exercise 00 gets ✅, the kernel reads the course's files
(``.gitignore``, a solution), pandas imports where the site has it (the full distribution) and
fails at once where not, and no request leaves 127.0.0.1.
Screenshots: build/screenshots/lite-*.png.   Run:  bash tests/lite/run
"""

from __future__ import annotations

import json
import re

import pytest
from lab import ROOT, load_manifest
from test_browser import answer, assert_no_dialog, wait_for_run

manifest = load_manifest()
START = manifest.NOTEBOOKS[0]
RUN: dict[str, str] = {}  # outputs of the Run All, for the tests after it
KERNEL_START_MS = 240_000  # Pyodide and 38 wheels on a slow 2-core machine: well under a minute


def open_in_browser_edition(page, site_url: str):
    """The notebook at the path its badge names (``lab/index.html?path=notebooks/NN.ipynb``)."""
    badge = manifest.lite_url(START.filename)
    path = badge.split("/lab/", 1)[1]
    page.goto(f"{site_url}/lab/{path}")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Cell").first.wait_for(timeout=120_000)
    expected = len(json.loads(START.path.read_text(encoding="utf-8"))["cells"])
    cells = panel.locator(".jp-Cell")
    for _ in range(240):
        if cells.count() >= expected:
            break
        page.wait_for_timeout(250)
    assert cells.count() == expected, f"{cells.count()} cells shown, {expected} stored"
    return panel


def wait_for_first_run(page, cell) -> None:
    """The first cell waits for the kernel: Pyodide and the course's wheels load first."""
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(KERNEL_START_MS // 500):
        if re.fullmatch(r"\[\d+\]:", prompt.text_content().strip()):
            return
        assert_no_dialog(page, START.filename)
        page.wait_for_timeout(500)
    kernel = page.locator(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus").all_text_contents()
    raise AssertionError(f"the kernel did not run the first cell in time (status: {kernel})")


def run_in(page, cell, code: str) -> str:
    """Replace ``cell``'s source with ``code``, run it (Ctrl+Enter), return its output."""
    before = cell.locator(".jp-InputPrompt").text_content().strip()
    cell.evaluate("e => e.scrollIntoView({block: 'center'})")
    cell.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("ControlOrMeta+Enter")
    wait_for_run(page, cell, before)
    page.wait_for_timeout(300)
    return output_text(cell)


def output_text(cell) -> str:
    """What the cell printed or returned (without the ``[3]:`` prompt of a result)."""
    return "".join(cell.locator(".jp-OutputArea-output").all_text_contents())


def test_notebook_00_runs_in_the_browser_offline(page, site_url, offline, screenshots):
    panel = open_in_browser_edition(page, site_url)
    assert_no_dialog(page, START.filename)
    page.screenshot(path=str(screenshots / "lite-00-opened.png"))
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").click()
    page.locator(".lm-Menu-itemLabel", has_text="Clear Outputs of All Cells").click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    code_cells = panel.locator(".jp-CodeCell")
    wait_for_first_run(page, code_cells.nth(0))
    for i in range(1, code_cells.count()):
        wait_for_run(page, code_cells.nth(i), "[ ]:")
    page.locator(".jp-Cell").first.evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(screenshots / "lite-00-ran.png"))

    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    if errors.count():
        pytest.fail(f"Run All printed an error in the browser: {errors.first.text_content()[:800]}")
    sources = code_cells.evaluate_all(
        "cells => cells.map(c => c.querySelector('.cm-content').textContent.trim())"
    )
    outputs = [output_text(code_cells.nth(i)) for i in range(code_cells.count())]
    setup = next(i for i, s in enumerate(sources) if "sim = simulate()" in s)
    report = next(i for i, s in enumerate(sources) if "report(verbose=True)" in s)
    RUN["report"] = outputs[report]
    assert "Offline mode: httpbin.org" in outputs[setup], f"setup banner: {outputs[setup]!r}"
    first_get = next(i for i, s in enumerate(sources) if 'get("https://httpbin.org/get"' in s)
    assert outputs[first_get].strip() == "200", f"the first request: {outputs[first_get]!r}"
    shown = next(i for i, s in enumerate(sources) if s == "show(r)")
    assert "< HTTP/1.1 200 OK" in outputs[shown] and "Host: httpbin.org" in outputs[shown], (
        f"show(r): {outputs[shown][:300]!r}"
    )
    for name, at in (("setup", setup), ("report", report), ("show", shown)):
        code_cells.nth(at).scroll_into_view_if_needed()
        code_cells.nth(at).screenshot(path=str(screenshots / f"lite-00-{name}.png"))
    checker_at = next(i for i, s in enumerate(sources) if s == 'check("00-first-request")')
    assert "Not attempted yet" in outputs[checker_at], f"checker: {outputs[checker_at]!r}"

    exercise, checker = code_cells.nth(checker_at - 1), code_cells.nth(checker_at)
    right = 'first_response = requests.get("https://httpbin.org/get", params={"topic": "apis"}, '
    verdict = answer(page, panel, exercise, checker, right + "timeout=5)")
    assert "✅" in verdict, f"a right answer to exercise 00 got {verdict!r}"
    checker.screenshot(path=str(screenshots / "lite-00-checker-right.png"))
    # the kernel reads the course's files: .gitignore (notebook 04 does), a solution (for %load)
    ignored = run_in(page, exercise, 'open("../.gitignore").read().splitlines().count(".env")')
    assert ignored.strip() == "1", f"../.gitignore read in the browser: {ignored!r}"
    solution_file = "../helpers/solutions/00-first-request.py"
    solution = run_in(page, exercise, f"print(open({solution_file!r}).read())")
    assert "first_response = requests.get(" in solution, f"the solution file: {solution!r}"
    run_in(page, exercise, f"%load {solution_file}")
    page.wait_for_timeout(1000)
    RUN["load"] = exercise.locator(".cm-content").text_content()
    # pandas (02, 08, 09): loaded on import where the site has it (the full distribution), else
    # a plain ModuleNotFoundError at once (nothing is fetched that the site does not have)
    lock = json.loads(
        (ROOT / "build" / "lite" / "static" / "pyodide" / "pyodide-lock.json").read_text()
    )
    if "pandas" in lock["packages"]:
        shape = run_in(page, exercise, 'import pandas as pd\npd.DataFrame([{"a": 1}]).shape')
        assert "(1, 1)" in shape, f"pandas in the browser: {shape[-500:]!r}"
    else:
        missing = run_in(page, exercise, "import pandas")
        assert "No module named 'pandas'" in missing, f"import pandas: {missing[-500:]!r}"
    assert offline.blocked == [], f"requests left 127.0.0.1: {offline.blocked[:10]}"


def test_the_site_has_the_files_the_notebooks_read():
    listing = json.loads((ROOT / "build" / "lite" / "api" / "contents" / "all.json").read_text())
    names = {item["name"] for item in listing["content"]}
    assert {".gitignore", "notebooks", "helpers", "README.md"} <= names, names


def test_notebook_00s_environment_check_has_no_false_alarm_in_the_browser():
    report = RUN.get("report")
    if report is None:
        pytest.skip("notebook 00 did not run")
    assert "❌" not in report and "pip install" not in report, report


@pytest.mark.xfail(
    strict=True,
    reason="JupyterLite drops the kernel's set_next_input payload, so %load leaves the cell as it "
    "is (jupyterlite/jupyterlite#1076): the solution files are there, %load cannot paste them",
)
def test_load_puts_the_solution_into_the_cell():
    loaded = RUN.get("load")
    if loaded is None:
        pytest.skip("notebook 00 did not run")
    assert "first_response = requests.get(" in loaded, f"%load left the cell as {loaded!r}"
