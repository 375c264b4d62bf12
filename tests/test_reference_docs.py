"""The API reference (notebooks/reference/example-api.md) says what the service does.

* Its endpoint table is the one the service's registry generates (``index.ENDPOINTS``).
* Every ``python`` code sample runs, in order and in one namespace, against the simulator, and
  a result written as a comment (``expr  # (201, '...')`` or on the line after) is checked
  whenever the comment is a Python literal.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from helpers.services.example import index, reference

DOC = Path(__file__).resolve().parents[1] / index.DOCS
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_samples(text: str) -> list[str]:
    return BLOCK.findall(text)


def expected_results(source: str) -> dict[int, object]:
    """{line of an expression statement: expected value}, for each expression statement with a
    literal comment on its own line or on the line right after it."""
    comments: dict[int, tuple[str, bool]] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            alone = not token.line[: token.start[1]].strip()
            comments[token.start[0]] = (token.string[1:].strip(), alone)
    found = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Expr):
            continue
        comment = comments.get(node.end_lineno)
        if comment is None or comment[1]:
            following = comments.get(node.end_lineno + 1)
            comment = following if following and following[1] else None
        if comment is None:
            continue
        try:
            found[node.lineno] = ast.literal_eval(comment[0])
        except (ValueError, SyntaxError):
            continue
    return found


def recording(source: str, lines: set[int]) -> ast.Module:
    """``source`` with each expression statement on ``lines`` turned into
    ``__results__[line] = expression``, so each call runs once and its value is kept."""
    tree = ast.parse(source)
    for position, node in enumerate(tree.body):
        if isinstance(node, ast.Expr) and node.lineno in lines:
            target = ast.Subscript(
                value=ast.Name("__results__", ast.Load()),
                slice=ast.Constant(node.lineno),
                ctx=ast.Store(),
            )
            tree.body[position] = ast.copy_location(ast.Assign([target], node.value), node)
    return ast.fix_missing_locations(tree)


@pytest.fixture(scope="module")
def simulator():
    from helpers.simulator import simulate, stop

    simulate(quiet=True)
    yield
    stop()


def test_the_endpoint_table_is_generated_from_the_registry():
    text = DOC.read_text(encoding="utf-8")
    assert reference.with_fresh_table(text) == text, (
        "The endpoint table is out of date: run python -m helpers.services.example.reference"
    )
    for method, path, _ in index.ENDPOINTS:
        assert f"| {method} | `{path}` |" in text


def test_the_generator_replaces_only_the_table():
    stale = f"intro\n{reference.START}\n| old |\n{reference.END}\noutro\n"
    fresh = reference.with_fresh_table(stale)
    assert fresh.startswith("intro\n") and fresh.endswith("\noutro\n")
    assert "| old |" not in fresh and index.endpoint_table() in fresh
    with pytest.raises(ValueError):
        reference.with_fresh_table("no markers")


def test_no_sample_needs_a_file_the_reader_does_not_have():
    for sample in python_samples(DOC.read_text(encoding="utf-8")):
        calls = [node for node in ast.walk(ast.parse(sample)) if isinstance(node, ast.Call)]
        assert not [c for c in calls if getattr(c.func, "id", None) == "open"], sample


def test_the_comment_checker_reads_both_styles():
    source = "x = 2\nx + 1   # 3\nx * 2\n# 4\nx  # not a literal\n"
    assert expected_results(source) == {2: 3, 3: 4}
    namespace: dict[str, object] = {"__results__": {}}
    exec(compile(recording(source, {2, 3}), "<test>", "exec"), namespace)
    assert namespace["__results__"] == {2: 3, 3: 4}


def test_every_python_sample_runs_and_shows_what_it_says(simulator):
    samples = python_samples(DOC.read_text(encoding="utf-8"))
    assert len(samples) >= 30
    namespace: dict[str, object] = {"__name__": "reference_samples"}
    for number, sample in enumerate(samples, start=1):
        expected = expected_results(sample)
        namespace["__results__"] = {}
        code = compile(recording(sample, set(expected)), f"<sample {number}>", "exec")
        with redirect_stdout(io.StringIO()):
            try:
                exec(code, namespace)
            except Exception as error:  # pragma: no cover - the message is the point
                pytest.fail(f"sample {number} raised {error!r}:\n{sample}")
        for line, value in expected.items():
            actual = namespace["__results__"][line]
            shown = sample.splitlines()[line - 1].strip()
            assert actual == value, f"sample {number}, `{shown}` gave {actual!r}, not {value!r}"
