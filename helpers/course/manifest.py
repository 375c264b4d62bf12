"""The order of the course, declared once. Navigation, the README and the tests follow it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
README = ROOT / "README.md"

# Where the course lives on GitHub: the Binder badge and nbgitpuller links are built from this.
# A fork changes this one line and runs `python -m helpers.course nav`.
GITHUB_REPOSITORY = "requests-course/talking-to-web-apis"
BRANCH = "main"
START_NOTEBOOK = "notebooks/00-start-here.ipynb"


def binder_url() -> str:
    return (
        f"https://mybinder.org/v2/gh/{GITHUB_REPOSITORY}/{BRANCH}"
        f"?urlpath=lab/tree/{START_NOTEBOOK}"
    )


@dataclass(frozen=True)
class Notebook:
    number: str
    slug: str
    title: str
    teach_minutes: int
    exercise_minutes: int
    summary: str

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.slug}.ipynb"

    @property
    def path(self) -> Path:
        return NOTEBOOKS_DIR / self.filename

    @property
    def label(self) -> str:
        return f"{self.number} · {self.title}"


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook(
        "00",
        "start-here",
        "Start here",
        15,
        5,
        "How the course works, offline simulation vs. the real internet, your first request.",
    ),
)


def by_number(number: str) -> Notebook:
    for nb in NOTEBOOKS:
        if nb.number == number.zfill(2)[:2] or nb.filename == number or nb.path.name == number:
            return nb
    raise KeyError(f"no notebook {number!r} in the manifest")


def neighbours(nb: Notebook) -> tuple[Notebook | None, Notebook | None]:
    i = NOTEBOOKS.index(nb)
    before = NOTEBOOKS[i - 1] if i > 0 else None
    after = NOTEBOOKS[i + 1] if i + 1 < len(NOTEBOOKS) else None
    return before, after
