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


INSTRUCTORS_GUIDE = ROOT / "instructors" / "README.md"


def nbgitpuller_url(hub: str = "https://YOUR-HUB.example.org") -> str:
    """A link that clones (or updates) the course into a JupyterHub user's home and opens 00."""
    from urllib.parse import quote

    repo_name = GITHUB_REPOSITORY.split("/")[1]
    return (
        f"{hub}/hub/user-redirect/git-pull"
        f"?repo={quote(f'https://github.com/{GITHUB_REPOSITORY}', safe='')}"
        f"&branch={BRANCH}"
        f"&urlpath={quote(f'lab/tree/{repo_name}/{START_NOTEBOOK}', safe='')}"
    )


def binder_url() -> str:
    return (
        f"https://mybinder.org/v2/gh/{GITHUB_REPOSITORY}/{BRANCH}?urlpath=lab/tree/{START_NOTEBOOK}"
    )


def clone_url() -> str:
    return f"https://github.com/{GITHUB_REPOSITORY}"


def pages_url() -> str:
    """Where the browser edition (JupyterLite, built by ``python -m helpers.course site``) lives:
    the repository's GitHub Pages site, published by .github/workflows/pages.yml."""
    owner, repo = GITHUB_REPOSITORY.split("/")
    return f"https://{owner.lower()}.github.io/{repo}"


def lite_url(filename: str) -> str:
    """A notebook in the browser edition: Python runs in the browser, nothing to install."""
    return f"{pages_url()}/lab/index.html?path=notebooks/{filename}"


def colab_url(filename: str) -> str:
    """Google Colab opens a notebook straight from GitHub; its setup cell fetches the rest."""
    base = "https://colab.research.google.com/github"
    return f"{base}/{GITHUB_REPOSITORY}/blob/{BRANCH}/notebooks/{filename}"


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
        "00", "start-here", "Start here", 20, 5,
        "How the course works, offline simulation and going live, your first request.",
    ),
    Notebook(
        "01", "anatomy-of-a-request", "Anatomy of an HTTP request", 35, 15,
        "URLs, methods, headers, status codes, the Response object, redirects.",
    ),
    Notebook(
        "02", "working-with-json", "Working with JSON", 25, 15,
        "Parsing JSON safely, navigating nested data, records into a DataFrame.",
    ),
    Notebook(
        "03", "sending-data", "Sending data", 45, 25,
        "Query parameters, JSON and form bodies, file uploads, create/read/update/delete.",
    ),
    Notebook(
        "04", "authentication", "Authentication and secrets", 50, 20,
        "API keys, tokens and Basic auth; keeping secrets out of code, logs and git.",
    ),
    Notebook(
        "05", "errors-and-timeouts", "Errors and timeouts", 35, 20,
        "Timeouts, the exception tree, raise_for_status, error bodies, your own exceptions.",
    ),
    Notebook(
        "06", "sessions-and-clients", "Sessions and API clients", 30, 20,
        "Sessions, connection reuse, default timeouts, adapters, a small API client class.",
    ),
    Notebook(
        "07", "retries-and-backoff", "Retries and backoff", 40, 20,
        "Which failures to retry, idempotency, urllib3 Retry, Retry-After, backoff with jitter.",
    ),
    Notebook(
        "08", "pagination", "Pagination", 40, 20,
        "Page, offset, cursor and Link pagination, generators, rate limits, ETags.",
    ),
    Notebook(
        "09", "capstone-ai-api", "Capstone: calling an AI model API", 55, 30,
        "The Messages API, errors and retries, streaming, and an end-to-end pipeline.",
    ),
)  # fmt: skip


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
