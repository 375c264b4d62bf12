"""The notebook tooling: manifest, generated navigation, lint rules."""

from __future__ import annotations

import nbformat
import pytest

from helpers.course import lint, manifest, nav
from helpers.course.manifest import (
    NOTEBOOKS,
    NOTEBOOKS_DIR,
    README,
    binder_url,
    colab_url,
    lite_url,
)


def test_manifest_matches_the_notebooks_folder():
    on_disk = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert on_disk == sorted(nb.filename for nb in NOTEBOOKS)
    numbers = [nb.number for nb in NOTEBOOKS]
    assert numbers == [f"{i:02d}" for i in range(len(NOTEBOOKS))]


def test_navigation_and_readme_contents_are_current():
    stale = nav.sync_all(write=False)
    assert not stale, f"run `python -m helpers.course nav`: stale {stale}"


def test_readme_has_the_binder_badge_for_the_first_notebook():
    text = README.read_text(encoding="utf-8")
    assert binder_url() in text
    assert "urlpath=lab/tree/notebooks/00-start-here.ipynb" in binder_url()


def test_navigation_links_neighbours():
    first = nav.top_cell_source(NOTEBOOKS[0])
    assert first.startswith(f"# {NOTEBOOKS[0].label}")
    assert "../README.md#contents" in first and "minutes" in first


def test_every_notebook_and_the_readme_have_their_colab_badge():
    readme = README.read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        url = colab_url(nb.filename)
        assert url.endswith(f"/blob/main/notebooks/{nb.filename}")
        assert url in readme, f"the README's contents lack {nb.number}'s Colab badge"
        assert nav.colab_badge(nb) in nav.top_cell_source(nb)


def test_every_notebook_and_the_readme_have_their_browser_edition_badge():
    readme = README.read_text(encoding="utf-8")
    top = readme.split("## Start")[0]
    assert nav.lite_badge(NOTEBOOKS[0]) in top, "the README's top lacks the browser edition badge"
    for nb in NOTEBOOKS:
        badge = nav.lite_badge(nb)
        assert badge in readme, f"the README's contents lack {nb.number}'s browser badge"
        first = nbformat.read(nb.path, as_version=4).cells[0]
        assert badge in first.source, f"{nb.filename}: the top cell lacks its browser badge"


def test_browser_edition_url_follows_the_repository(monkeypatch):
    assert lite_url("00-start-here.ipynb") == (
        "https://requests-course.github.io/talking-to-web-apis/lab/index.html"
        "?path=notebooks/00-start-here.ipynb"
    )
    monkeypatch.setattr(manifest, "GITHUB_REPOSITORY", "A-Fork/course-copy")
    assert lite_url("03-sending-data.ipynb") == (
        "https://a-fork.github.io/course-copy/lab/index.html?path=notebooks/03-sending-data.ipynb"
    )


def test_browser_edition_top_cell_loads_no_badge_images():
    """The site build's copy of each top cell: a badge image would be fetched from the internet."""
    for nb in NOTEBOOKS:
        lite = nav.top_cell_source(nb, badges=False)
        assert "![" not in lite and nav.lite_badge(nb) in nav.top_cell_source(nb)
        assert nav.top_cell_source(nb).replace(f"{nav.launch_badges(nb)}\n\n", "") == lite


def test_colab_setup_lines_are_regenerated_not_stacked():
    cell = "import requests\n\nfrom helpers import simulate\n\nsim = simulate()"
    once = nav.with_colab_setup(cell)
    assert once.startswith(nav.colab_setup_source()) and once.endswith(cell)
    assert nav.with_colab_setup(once) == once
    older = once.replace("--depth 1 ", "").replace("course", "old-course")
    assert nav.with_colab_setup(older) == once


@pytest.mark.parametrize("colab", [False, True])
def test_colab_setup_lines_run_only_on_colab(colab, monkeypatch):
    """Elsewhere the setup cell's Colab lines print nothing and run nothing (nbval's outputs)."""
    import sys
    import types

    from IPython.core.inputtransformer2 import TransformerManager

    python = TransformerManager().transform_cell(nav.colab_setup_source())
    calls = []
    shell = types.SimpleNamespace(
        run_line_magic=lambda *a: calls.append(a), system=lambda *a: calls.append(a)
    )
    if colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(python, {"get_ipython": lambda: shell})
    if not colab:
        assert calls == []
    else:  # %cd /content, git clone, %run the bootstrap
        assert [c[0] for c in calls] == ["cd", calls[1][0], "run"]
        assert "git clone" in calls[1][0] and "binder/colab.py" in calls[2][1]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_lint(path):
    problems = lint.lint(path)
    assert not problems, "\n".join(problems)


def _notebook(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    return nb


def _code(source, tags=(), outputs=(), count=1):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    cell.metadata["tags"] = list(tags)
    cell.outputs = list(outputs)
    return cell


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("requests.get(url)", 1),
        ("requests.get(url, timeout=5)", 0),
        ("s.post(url, json=body)", 1),
        ("session.get(url, **kwargs)", 0),
        ("s.get(url)  # timeout set by TimeoutSession", 0),
        ("params.get('page')", 0),
        ("%time requests.get(url)\nrequests.head(url, timeout=1)", 0),
        ("requests.request('GET', url)", 1),
        ("self.session.post(url, json=body)", 1),
        ("self._session.get(url, timeout=self.timeout)", 0),
    ],
)
def test_timeout_rule(source, expected):
    assert len(list(lint.http_calls_without_timeout(source))) == expected


def test_practice_rules_skip_anti_pattern_cells(tmp_path):
    nb = _notebook(
        nbformat.v4.new_markdown_cell("A mistake: no timeout."),
        _code("requests.get(url, verify=False)", tags=["anti-pattern"]),
        _code("requests.get(url, verify=False)", count=2),
    )
    problems = list(lint.rule_practices(tmp_path / "x.ipynb", nb))
    assert len(problems) == 2 and all(p.startswith("cell 2") for p in problems)
    assert not list(lint.rule_anti_patterns_announced(tmp_path / "x.ipynb", nb))


def test_anti_pattern_must_be_announced(tmp_path):
    nb = _notebook(
        nbformat.v4.new_markdown_cell("Now fetch it."), _code("x", tags=["anti-pattern"])
    )
    assert list(lint.rule_anti_patterns_announced(tmp_path / "x.ipynb", nb))


def test_errors_and_order_rules(tmp_path):
    error = nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[])
    nb = _notebook(_code("a", outputs=[error]), _code("b", count=3))
    assert len(list(lint.rule_no_unexpected_errors(tmp_path / "x.ipynb", nb))) == 1
    assert len(list(lint.rule_executed_in_order(tmp_path / "x.ipynb", nb))) == 1
    nb.cells[0].metadata["tags"] = ["raises-exception"]
    assert not list(lint.rule_no_unexpected_errors(tmp_path / "x.ipynb", nb))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("key = 'sk-ant-api03-abcdefghijklmnop'", True),
        ("token = 'ghp_" + "a1B2" * 9 + "'", True),
        ("Authorization: Bearer [redacted]", False),
        ("headers = {'Authorization': 'Bearer demo-github-token'}", False),
        ("os.environ['ANTHROPIC_API_KEY']", False),
    ],
)
def test_secret_rule(tmp_path, text, found):
    nb = _notebook(_code(text))
    assert bool(list(lint.rule_no_secrets(tmp_path / "x.ipynb", nb))) is found


def test_broken_links_are_reported(tmp_path):
    nb = _notebook(nbformat.v4.new_markdown_cell("[next](99-missing.ipynb) [web](https://x.org)"))
    assert len(list(lint.rule_links(NOTEBOOKS_DIR / "x.ipynb", nb))) == 1


def test_schedules_cover_their_notebooks_and_end_on_time():
    from helpers.course import schedule

    for plan in schedule.PLANS:
        rows = schedule.timetable(plan)
        assert rows[-1][0].endswith(plan.blocks[-1][1]), f"{plan.name} ends late or early"
        for number in plan.numbers:
            assert any(what.startswith(f"{number} · ") for _, what in rows), number
        for nb, teach, practise in schedule.allotments(plan):
            assert teach == nb.teach_minutes and 0 < practise <= nb.exercise_minutes
    two_days = [number for plan in schedule.TWO_DAYS for number in plan.numbers]
    assert sorted(two_days) == [nb.number for nb in NOTEBOOKS]


def test_schedule_refuses_a_plan_that_cannot_fit():
    from helpers.course import schedule

    tiny = schedule.Plan("tiny", (("09:00", "09:30"),), ("01", "03"))
    with pytest.raises(ValueError, match="do not fit"):
        schedule.allotments(tiny)


def test_instructor_guide_links_resolve():
    from helpers.course.manifest import INSTRUCTORS_GUIDE, nbgitpuller_url

    text = INSTRUCTORS_GUIDE.read_text(encoding="utf-8")
    for target in lint.MARKDOWN_LINK.findall(text):
        if target.startswith(("http", "#")):
            continue
        assert (INSTRUCTORS_GUIDE.parent / target.split("#")[0]).exists(), target
    assert "git-pull?repo=https%3A%2F%2Fgithub.com%2F" in nbgitpuller_url()
    assert "urlpath=lab%2Ftree%2F" in nbgitpuller_url()
    for nb in NOTEBOOKS:
        assert f"### {nb.label}" in text, f"no instructor notes for {nb.label}"


def test_executor_merges_stream_chunks():
    from helpers.course.execute import merge_streams

    out = nbformat.v4.new_output
    chunks = [
        out("stream", name="stdout", text="422"),
        out("stream", name="stdout", text=" details\n"),
        out("stream", name="stderr", text="warning\n"),
        out("execute_result", {"text/plain": "2"}, execution_count=1),
        out("stream", name="stdout", text="after\n"),
    ]
    merged = merge_streams(chunks)
    assert [o.get("text") for o in merged] == ["422 details\n", "warning\n", None, "after\n"]


def _fake_wheel(folder, name: str, version: str, module: str):
    import zipfile

    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{module}/__init__.py", "")
        zf.writestr(f"{name}-{version}.dist-info/METADATA", f"Name: {name}\nVersion: {version}\n")
    return path


def test_site_takes_pandas_from_the_full_distribution_checked_against_the_lock(tmp_path):
    """The browser edition's build: pandas' closure is copied from the full distribution, each
    file checked by the lock's sha256; a file of another Pyodide version is refused."""
    import hashlib

    from helpers.course import site

    full = tmp_path / "full"
    full.mkdir()
    files = {n: _fake_wheel(full, n, "1.0", n) for n in ("pandas", "numpy", "six", "unused")}

    def entry(name, depends):
        digest = hashlib.sha256(files[name].read_bytes()).hexdigest()
        return {"file_name": files[name].name, "sha256": digest, "depends": depends}

    lock = {
        "info": {"version": "0"},
        "packages": {
            "pandas": entry("pandas", ["numpy"]), "numpy": entry("numpy", ["six"]),
            "six": entry("six", []), "unused": entry("unused", []),
        },
    }  # fmt: skip
    target = tmp_path / "site"
    target.mkdir()
    assert sorted(site.fetch_from_full(str(full), lock, target)) == ["numpy", "pandas", "six"]
    assert sorted(p.name for p in target.iterdir()) == sorted(
        files[n].name for n in ("pandas", "numpy", "six")
    )
    files["numpy"].write_bytes(b"another build")
    with pytest.raises(SystemExit, match=r"does not match pyodide-lock\.json"):
        site.fetch_from_full(str(full), lock, target)


def test_site_lock_entry_for_a_course_wheel(tmp_path):
    from helpers.course import site

    entry = site.wheel_entry(_fake_wheel(tmp_path, "python_dotenv", "1.2.4", "dotenv"))
    assert entry["name"] == "python-dotenv" and entry["imports"] == ["dotenv"]
    assert entry["depends"] == [] and entry["file_name"] == "python_dotenv-1.2.4-py3-none-any.whl"
