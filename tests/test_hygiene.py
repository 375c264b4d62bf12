"""The repository's own text tells the truth about the repository: every file a docstring,
comment or document names exists, and the licence pyproject declares is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT_FILES = sorted(
    p
    for pattern in ("helpers/**/*.py", "helpers/**/*.md", "tests/**/*.py", "*.md", "instructors/*")
    for p in ROOT.glob(pattern)
    if ".venv" not in p.parts and "exercise_answers" not in p.parts
)
# A repository path as prose names it: starts at a top-level folder, ends with a file suffix.
PATH = re.compile(
    r"(?<![\w/.-])((?:helpers|tests|notebooks|instructors|binder|\.ci|\.github)/"
    r"[\w./-]*\w\.(?:py|md|ipynb|txt|cfg|yml|yaml|json|toml))\b"
)


def _named_paths(path: Path) -> list[str]:
    return sorted(set(PATH.findall(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_named_file_exists(path):
    missing = [
        name
        for name in _named_paths(path)
        if "*" not in name and "NN" not in name and not (ROOT / name).exists()
    ]
    assert not missing, f"{path.relative_to(ROOT)} names files that do not exist: {missing}"


def test_the_declared_licence_is_in_the_repository():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^license = \{ text = "MIT" \}$', pyproject, re.MULTILINE)
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_contributing_points_to_the_authoring_guide():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    assert "helpers/course/AUTHORING.md" in text
    assert (ROOT / "helpers/course/AUTHORING.md").exists()
