"""The course as a learner meets it: JupyterLab in a real browser (Debian's chromium).

For every notebook: it opens without an error dialog, every Mermaid diagram draws, every
``<details>`` fold opens, and every link resolves from inside JupyterLab. Notebook 00 runs top
to bottom through the UI and its exercise checker answers a right and a wrong answer. The Binder
and JupyterHub (nbgitpuller) layouts open notebook 00 at the address their links name.
Screenshots go to build/screenshots/. Run:  bash tests/browser/run
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from lab import ROOT, copy_tracked_files, jupyterlab, load_manifest

manifest = load_manifest()
NOTEBOOKS = manifest.NOTEBOOKS
NOTEBOOK_PATHS = sorted(manifest.NOTEBOOKS_DIR.glob("*.ipynb"))
TIMEOUT = 60_000  # ms, for anything a slow 2-core machine might take a while to draw


def markdown_sources(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def open_notebook(page, lab, relative: str):
    """Open ``relative`` (a path from the server's root) in JupyterLab; every cell rendered."""
    page.goto(f"{lab.url}/lab/tree/{relative}?reset")  # ?reset: only this notebook open
    return wait_for_notebook(page, relative)


def wait_for_notebook(page, relative: str):
    name = relative.rsplit("/", 1)[-1]
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Cell").first.wait_for(timeout=TIMEOUT)
    cells = panel.locator(".jp-Cell")
    expected = len(json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"])
    for _ in range(TIMEOUT // 250):
        if cells.count() >= expected:
            break
        page.wait_for_timeout(250)
    assert cells.count() == expected, f"{name}: {cells.count()} cells shown, {expected} stored"
    # JupyterLab renders markdown as it scrolls into view: pass every cell through the viewport
    cells.evaluate_all(
        "async cells => { for (const c of cells) {"
        " c.scrollIntoView(); await new Promise(r => requestAnimationFrame(r)); } }"
    )
    page.wait_for_timeout(500)
    assert_no_dialog(page, name)
    return panel


def assert_no_dialog(page, name: str) -> None:
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        text = dialog.first.inner_text().strip().replace("\n", " ")
        pytest.fail(f"{name}: JupyterLab shows a dialog: {text[:300]}")


def check_mermaid(panel, name: str, expected: int) -> None:
    diagrams = panel.locator(".jp-MarkdownOutput .jp-RenderedMermaid")
    drawn = panel.locator(
        ".jp-RenderedMermaid:not(.jp-mod-warning) :is(svg, img[src^='data:image/svg+xml'])"
    )
    try:
        drawn.nth(expected - 1).wait_for(state="attached", timeout=TIMEOUT)
    except Exception:
        warnings = panel.locator(".jp-RenderedMermaid.jp-mod-warning")
        detail = warnings.first.inner_text()[:300] if warnings.count() else "nothing drawn"
        pytest.fail(
            f"{name}: {drawn.count()} of {expected} Mermaid diagrams rendered to an SVG "
            f"({diagrams.count()} found; first problem: {detail})"
        )
    assert drawn.count() == expected, f"{name}: {drawn.count()} Mermaid SVGs, {expected} expected"


def check_folds(panel, name: str, expected: int) -> None:
    folds = panel.locator(".jp-MarkdownOutput details:not(.jp-RenderedMermaid-Details)")
    assert folds.count() == expected, f"{name}: {folds.count()} <details> shown, {expected} stored"
    for i in range(expected):
        fold = folds.nth(i)
        summary = fold.locator("summary")
        label = summary.inner_text().strip()
        summary.scroll_into_view_if_needed()
        closed_height = fold.bounding_box()["height"]
        summary.click()
        opened = fold.evaluate("e => e.open")
        grown = fold.bounding_box()["height"] > closed_height
        assert opened and grown, f"{name}: the fold {label!r} (<details> {i + 1}) does not open"


def check_links(page, lab, panel, name: str, where_prefix: str = "") -> int:
    """Every link in the rendered markdown resolves; returns how many were checked."""
    anchors = panel.locator(".jp-MarkdownOutput a[href]").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.href, e.textContent])"
    )
    checked = 0
    for raw, resolved, text in anchors:
        where = f"{where_prefix}{name}: the link {text.strip()!r} ({raw})"
        url = urlparse(resolved)
        if raw.startswith("#"):
            target = unquote(url.fragment)
            found = page.evaluate(
                "id => !!(document.getElementById(id) || "
                "[...document.querySelectorAll('[data-jupyter-id]')]"
                ".some(e => e.dataset.jupyterId === id))",
                target,
            )
            assert found, f"{where} points to no heading in the notebook"
        elif resolved.startswith(lab.url):
            status = page.request.get(resolved.split("#")[0]).status
            assert status == 200, f"{where} answers {status} at {url.path}"
            if url.fragment and url.path.endswith(".md"):
                check_markdown_anchor(lab.root, url.path, url.fragment, where)
        elif "colab.research.google.com" in resolved:
            assert resolved == manifest.colab_url(name), f"{where} is not this notebook's Colab URL"
        else:
            assert url.scheme == "https", f"{where} is neither a course file nor an https link"
            continue  # the internet: not reachable from the test, and not the course's to fix
        checked += 1
    return checked


def check_markdown_anchor(root: Path, path: str, fragment: str, where: str) -> None:
    """``README.md#contents``: the file has a heading whose GitHub-style slug is ``fragment``."""
    relative = unquote(path).split("/files/", 1)[1]
    text = re.sub(r"```.*?```", "", (root / relative).read_text(encoding="utf-8"), flags=re.DOTALL)
    slugs = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)
    }
    assert fragment in slugs, f"{where}: {relative} has no heading #{fragment}"


def check_solutions(lab, name: str, sources: list[str]) -> int:
    paths = re.findall(r"%load (\S+\.py)", "\n".join(sources))
    for path in paths:
        relative = posixpath.normpath(f"notebooks/{path}")
        status = lab.contents_status(relative)
        assert status == 200, f"{name}: `%load {path}` names a file JupyterLab cannot find"
    return len(paths)


@pytest.fixture(scope="module")
def unchanged_notebooks():
    """The browser test must not save anything into the course (autosave is off; checked)."""

    def digests():
        return {p.name: hashlib.sha256(p.read_bytes()).digest() for p in NOTEBOOK_PATHS}

    before = digests()
    yield
    changed = [name for name, digest in digests().items() if before[name] != digest]
    assert not changed, f"{changed} changed on disk while the browser test ran (a save?)"


def test_the_readme_command_opens_notebook_00_at_the_repository_root(laptop):
    assert laptop.opened == f"/lab/tree/{manifest.START_NOTEBOOK}", laptop.opened
    for path in ("README.md", "instructors/README.md", "notebooks/reference/cheatsheet.md"):
        assert laptop.contents_status(path) == 200, f"{path} is not reachable from JupyterLab"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.number for nb in NOTEBOOKS])
def test_notebook_renders_and_its_links_resolve(nb, laptop, page, screenshots, unchanged_notebooks):
    sources = markdown_sources(nb.path)
    panel = open_notebook(page, laptop, f"notebooks/{nb.filename}")
    check_mermaid(panel, nb.filename, sum(s.count("```mermaid") for s in sources))
    page.locator(".jp-Cell").first.evaluate("e => e.scrollIntoView()")
    page.wait_for_timeout(1000)  # cells scrolled back into view are painted again
    page.screenshot(path=str(screenshots / f"{nb.number}.png"))
    for i, diagram in enumerate(panel.locator(".jp-RenderedMermaid").all(), start=1):
        diagram.screenshot(path=str(screenshots / f"{nb.number}-diagram-{i}.png"))
    check_folds(panel, nb.filename, sum(s.count("<details>") for s in sources))
    assert check_links(page, laptop, panel, nb.filename) >= 3, "navigation links are missing"
    check_solutions(laptop, nb.filename, sources)
    laptop.shut_down_kernels(page)


@pytest.mark.parametrize(
    "path", ["README.md", "instructors/README.md", "notebooks/reference/cheatsheet.md",
             "notebooks/reference/example-api.md"],
)  # fmt: skip
def test_markdown_documents_links_resolve_in_jupyterlab(path, laptop):
    text = (ROOT / path).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        file_part = target.split("#")[0]
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(file_part)))
        assert laptop.contents_status(relative) == 200, (
            f"{path}: the link {target} does not resolve"
        )


def wait_for_run(page, cell, before: str) -> None:
    """Wait until ``cell`` shows an execution count other than ``before`` (and not ``[*]``)."""
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(TIMEOUT // 250):
        text = prompt.text_content().strip()  # (inner_text is empty for cells out of view)
        if text != before and re.fullmatch(r"\[\d+\]:", text):
            return
        page.wait_for_timeout(250)
    source = cell.locator(".cm-content").text_content()[:80]
    raise AssertionError(f"the cell {source!r} did not finish running ({prompt.text_content()!r})")


def answer(page, panel, exercise, checker, code: str) -> str:
    """Type ``code`` into the exercise cell, run it and its checker, return the checker's output."""
    before = checker.locator(".jp-InputPrompt").text_content().strip()
    exercise.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    editor = exercise.locator(".cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")  # runs the exercise, selects the checker
    page.keyboard.press("Shift+Enter")
    wait_for_run(page, checker, before)
    return checker.locator(".jp-OutputArea").text_content()


def test_notebook_00_runs_through_the_ui_and_checks_answers(
    laptop, page, screenshots, unchanged_notebooks
):
    nb = NOTEBOOKS[0]
    panel = open_notebook(page, laptop, manifest.START_NOTEBOOK)
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").click()
    page.locator(".lm-Menu-itemLabel", has_text="Clear Outputs of All Cells").click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    code_cells = panel.locator(".jp-CodeCell")
    for i in range(code_cells.count()):
        wait_for_run(page, code_cells.nth(i), "[ ]:")
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    if errors.count():
        pytest.fail(f"{nb.filename}: Run All printed an error: {errors.first.text_content()[:500]}")
    assert_no_dialog(page, nb.filename)

    sources = code_cells.evaluate_all(
        "cells => cells.map(c => c.querySelector('.cm-content').textContent.trim())"
    )
    exercise_at = [i for i, text in enumerate(sources) if text == "first_response = ..."]
    checker_at = [i for i, text in enumerate(sources) if text == 'check("00-first-request")']
    assert exercise_at and checker_at == [exercise_at[0] + 1], f"{nb.filename}: exercise 00 cells"
    exercise, checker = code_cells.nth(exercise_at[0]), code_cells.nth(checker_at[0])
    call = 'requests.get("https://httpbin.org/get", {}timeout=5)'
    right = "first_response = " + call.format('params={"topic": "apis"}, ')
    wrong = "first_response = " + call.format("")
    verdict = answer(page, panel, exercise, checker, right)
    assert "✅" in verdict, f"{nb.filename}: a right answer to exercise 00 got {verdict!r}"
    checker.screenshot(path=str(screenshots / "00-checker-right.png"))
    verdict = answer(page, panel, exercise, checker, wrong)
    assert "❌" in verdict and "topic" in verdict, f"{nb.filename}: a wrong answer got {verdict!r}"
    checker.screenshot(path=str(screenshots / "00-checker-wrong.png"))
    laptop.shut_down_kernels(page)


def launch_path(url: str) -> str:
    """The JupyterLab path a launch link opens: its ``urlpath`` parameter."""
    return "/" + parse_qs(urlparse(url).query)["urlpath"][0]


@pytest.mark.parametrize("layout", ["binder", "jupyterhub"])
def test_launch_links_open_notebook_00_with_working_links(
    layout, tmp_path, page, screenshots, unchanged_notebooks
):
    """Binder serves the repository as the server's root and opens the badge's ``urlpath``;
    nbgitpuller clones the repository into the user's home and opens its ``urlpath``."""
    jupyter = [str(ROOT / ".venv" / "bin" / "jupyter"), "lab"]
    if layout == "binder":
        root, opened = ROOT, launch_path(manifest.binder_url())
    else:
        root, opened = tmp_path / "home", launch_path(manifest.nbgitpuller_url())
        copy_tracked_files(root / manifest.GITHUB_REPOSITORY.split("/")[1])
    home = tmp_path / "jupyter"
    with jupyterlab(jupyter, cwd=root, home=home, opened=opened, binder=layout == "binder") as lab:
        page.goto(lab.url + opened)
        relative = opened.removeprefix("/lab/tree/")
        assert lab.contents_status(relative) == 200, f"{layout}: {opened} is not a file"
        panel = wait_for_notebook(page, relative)
        page.locator(".jp-Cell").first.scroll_into_view_if_needed()
        page.wait_for_timeout(2000)  # JupyterLab asks about news a moment after it starts
        toasts = page.locator(".Toastify__toast")
        assert not toasts.count(), (
            f"{layout}: a pop-up covers notebook 00: {toasts.first.text_content()}"
        )
        page.screenshot(path=str(screenshots / f"{layout}-00.png"))
        check_links(page, lab, panel, NOTEBOOKS[0].filename, f"{layout}: ")
        lab.shut_down_kernels(page)
