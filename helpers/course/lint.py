"""Notebook lint: the rules every committed notebook follows. ``test_notebook_lint`` in
``tests/test_course_tooling.py`` runs each rule on each notebook; ``python -m helpers.course lint``
prints the problems."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

from helpers.course.execute import KERNELSPEC
from helpers.course.manifest import NOTEBOOKS_DIR, ROOT
from helpers.course.nav import NAV_KEY

ANTI_PATTERN = "anti-pattern"
RAISES = "raises-exception"
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request"}
SESSION_NAME = re.compile(r"^(s|sess|session|http|.*_session)$")

SECRET_PATTERNS = {
    "Anthropic key": re.compile(r"sk-ant-[A-Za-z0-9_-]{8,}"),
    "OpenAI-style key": re.compile(r"\bsk-(proj-)?[A-Za-z0-9]{20,}"),
    "GitHub token": re.compile(
        r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
    ),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "bearer credential": re.compile(r"Bearer (?!\[redacted\])(?!demo-)[A-Za-z0-9._~+/-]{24,}"),
}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")

Rule = Callable[[Path, nbformat.NotebookNode], Iterator[str]]


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def code_cells(notebook: nbformat.NotebookNode) -> Iterator[tuple[int, nbformat.NotebookNode]]:
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            yield i, cell


def python_source(source: str) -> str:
    """Cell source without IPython magics and shell escapes, so it parses as Python."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def rule_executed_in_order(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    expected = 1
    for i, cell in code_cells(nb):
        if not cell.source.strip():
            continue
        if cell.execution_count != expected:
            yield (
                f"cell {i}: execution count {cell.execution_count}, expected {expected} "
                "(re-run it with `python -m helpers.course run`)"
            )
            return
        expected += 1


def rule_no_unexpected_errors(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    for i, cell in code_cells(nb):
        has_error = any(o.output_type == "error" for o in cell.outputs)
        if has_error and RAISES not in tags(cell):
            yield f"cell {i}: stored error output but the cell is not tagged {RAISES!r}"
        if RAISES in tags(cell) and not has_error:
            yield f"cell {i}: tagged {RAISES!r} but has no error output"
        if any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs):
            yield f"cell {i}: output on stderr (a library warning or log?)"


def http_calls_without_timeout(source: str) -> Iterator[tuple[int, str]]:
    """(line, call) for each requests/Session call lacking ``timeout=``.

    A call may rely on a default timeout set elsewhere (a Session subclass, an adapter, a
    client class): say so with a comment containing "timeout" on the call's line.
    """
    try:
        tree = ast.parse(python_source(source))
    except SyntaxError:
        return
    lines = source.splitlines()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in HTTP_VERBS:
            continue
        owner_node = node.func.value
        if isinstance(owner_node, ast.Name):
            owner = owner_node.id
        elif isinstance(owner_node, ast.Attribute):  # self.session.get(...), client._session...
            owner = owner_node.attr.lstrip("_")
        else:
            continue
        if owner != "requests" and not SESSION_NAME.match(owner):
            continue
        keywords = {k.arg for k in node.keywords}
        if "timeout" in keywords or None in keywords:  # None: **kwargs passed through
            continue
        line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        if "timeout" in line.split("#", 1)[-1] and "#" in line:
            continue
        yield node.lineno, f"{owner}.{node.func.attr}(...)"


def rule_practices(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    for i, cell in code_cells(nb):
        if ANTI_PATTERN in tags(cell):
            continue
        for lineno, call in http_calls_without_timeout(cell.source):
            yield (
                f"cell {i} line {lineno}: {call} without timeout= "
                f"(tag the cell {ANTI_PATTERN!r} if on purpose)"
            )
        if re.search(r"verify\s*=\s*False", cell.source):
            yield f"cell {i}: verify=False is never the fix (tag {ANTI_PATTERN!r} if on purpose)"


def rule_anti_patterns_announced(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    for i, cell in code_cells(nb):
        if ANTI_PATTERN not in tags(cell):
            continue
        above = next((c for c in reversed(nb.cells[:i]) if c.cell_type == "markdown"), None)
        text = (above.source if above else "").lower()
        words = ("anti-pattern", "mistake", "don't", "do not", "wrong", "bug hunt")
        if not any(word in text for word in words):
            yield f"cell {i}: tagged {ANTI_PATTERN!r}; the markdown above must call it a mistake"


def _texts(nb: nbformat.NotebookNode) -> Iterator[tuple[int, str]]:
    for i, cell in enumerate(nb.cells):
        yield i, cell.source
        for out in cell.get("outputs", []):
            if "text" in out:
                yield i, out.text
            for value in out.get("data", {}).values():
                if isinstance(value, str):
                    yield i, value
            if out.output_type == "error":
                yield i, out.evalue


def rule_no_secrets(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    for i, text in _texts(nb):
        for kind, pattern in SECRET_PATTERNS.items():
            if pattern.search(text):
                yield f"cell {i}: something that looks like a real {kind}"


def rule_metadata(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    if nb.nbformat != 4:
        yield f"nbformat {nb.nbformat}, expected 4"
    if dict(nb.metadata.get("kernelspec", {})) != KERNELSPEC:
        yield f"kernelspec {dict(nb.metadata.get('kernelspec', {}))}, expected {KERNELSPEC}"
    if nb.metadata.get("language_info", {}).get("name") != "python":
        yield "language_info.name is not python"
    if not nb.cells or nb.cells[0].metadata.get(NAV_KEY) != "top":
        yield "the first cell is not the generated navigation (run `python -m helpers.course nav`)"
    if not nb.cells or nb.cells[-1].metadata.get(NAV_KEY) != "bottom":
        yield "the last cell is not the generated navigation (run `python -m helpers.course nav`)"
    setups = [i for i, c in code_cells(nb) if "simulate(" in c.source]
    first_code = next((i for i, _ in code_cells(nb)), None)
    if not setups or setups[0] != first_code:
        yield "the first code cell must be the setup cell calling simulate()"


def rule_links(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for target in MARKDOWN_LINK.findall(cell.source):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            file_part = target.split("#", 1)[0]
            if file_part and not (path.parent / file_part).resolve().exists():
                yield f"cell {i}: broken link {target}"


def rule_exercises(path: Path, nb: nbformat.NotebookNode) -> Iterator[str]:
    from helpers.exercises import all_exercises

    known = all_exercises()
    for i, cell in code_cells(nb):
        for exercise_id in re.findall(r"""\bcheck\(\s*["']([^"']+)["']""", cell.source):
            if exercise_id not in known:
                yield f"cell {i}: check({exercise_id!r}) names no registered exercise"
            elif not known[exercise_id].solution_path.exists():
                yield f"cell {i}: exercise {exercise_id!r} has no solution file"


RULES: dict[str, Rule] = {
    "executed in order": rule_executed_in_order,
    "no unexpected errors": rule_no_unexpected_errors,
    "timeouts and verify": rule_practices,
    "anti-patterns announced": rule_anti_patterns_announced,
    "no secrets": rule_no_secrets,
    "metadata": rule_metadata,
    "links": rule_links,
    "exercises": rule_exercises,
}


def lint(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        f"{path.relative_to(ROOT)}: {rule}: {p}" for rule, fn in RULES.items() for p in fn(path, nb)
    ]


def lint_all() -> list[str]:
    return [p for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")) for p in lint(path)]
