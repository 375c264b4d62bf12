"""Generated issues and pull requests of a repository, computed on demand.

A repository has ``open_issues_count`` open issues and ``open_issues_count + stars // 100``
closed ones, numbered 1..total. Nothing is stored: the state of an issue is a deterministic
function of its number (the open ones spread evenly over the numbers, so the ``k``-th open or
closed issue is found by arithmetic), ``created_at`` grows with the number, and the title,
labels, author, comments and ``pull_request`` come from a hash of the repository's name and
the number. The default listing (by ``created``, any state, no labels) is therefore paged
without building the list; sorting by ``updated``/``comments`` or filtering by labels scans
the numbers once and keeps only their order (an array of ints, cached).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .data import SNAPSHOT_END, epoch, generated_login, iso, seed_of

ISSUE_TITLES = (
    "Document the behaviour of {x} with timeouts",
    "{x} raises an unclear error on an empty response",
    "Add type hints to {x}",
    "Flaky test around {x} on Windows",
    "Support Python 3.14 in {x}",
    "Deprecation warning from {x}",
    "Typo in the {x} documentation",
    "Improve the error message when {x} fails",
)
ISSUE_SUBJECTS = ("the session API", "redirects", "the CLI", "streaming", "retries", "proxies")
LABELS = (
    ("bug", "d73a4a", "Something isn't working"),
    ("documentation", "0075ca", "Improvements or additions to documentation"),
    ("enhancement", "a2eeef", "New feature or request"),
    ("good first issue", "7057ff", "Good for newcomers"),
    ("help wanted", "008672", "Extra attention is needed"),
    ("question", "d876e3", "Further information is requested"),
)


_epoch = lru_cache(maxsize=1024)(epoch)


def counts(repo: dict[str, Any]) -> tuple[int, int]:
    """``(open, closed)`` issues and pull requests of ``repo``."""
    opened = repo["open_issues_count"]
    return opened, opened + repo["stargazers_count"] // 100


def is_open(number: int, opened: int, total: int) -> bool:
    """Issue ``number`` (1-based) is open: the open ones are spread evenly over 1..total."""
    return (number * opened) // total > ((number - 1) * opened) // total


class Numbers(Sequence[int]):
    """The numbers of the issues in one state, newest first (or oldest with ``ascending``)."""

    def __init__(self, state: str, opened: int, total: int, ascending: bool) -> None:
        self.state, self.opened, self.total, self.ascending = state, opened, total, ascending
        closed = total - opened
        self.size = {"open": opened, "closed": closed, "all": total}[state]

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        k = index + 1 if self.ascending else self.size - index  # k-th in ascending order
        if self.state == "all":
            return k
        if self.state == "open":  # smallest n with n * opened // total >= k
            return -(-k * self.total // self.opened)
        closed = self.total - self.opened  # closed up to n is ceil(n * closed / total)
        return (k - 1) * self.total // closed + 1


def _times(repo: dict[str, Any], number: int, n: int) -> tuple[int, int]:
    """``(created, updated)`` of issue ``number`` in epoch seconds; ``created`` grows with it."""
    total = sum(counts(repo))
    start, end = _epoch(repo["created_at"]), _epoch(SNAPSHOT_END)
    slot = max(1, (end - start) // max(1, total))
    created = start + (number - 1) * (end - start) // max(1, total) + n % slot
    updated = created + seed_of(repo["full_name"], number, "updated") % max(1, end - created)
    return created, updated


def _labels(n: int) -> list[tuple[str, str, str]]:
    return [LABELS[j] for j in range(len(LABELS)) if (n >> (j + 3)) % 5 == 0]


def record(repo: dict[str, Any], number: int) -> dict[str, Any]:
    """Issue ``number`` of ``repo`` (the fields :func:`.objects.issue` shapes)."""
    opened, closed = counts(repo)
    n = seed_of(repo["full_name"], "issue", number)
    created, updated = _times(repo, number, n)
    state = "open" if is_open(number, opened, opened + closed) else "closed"
    title = ISSUE_TITLES[n % len(ISSUE_TITLES)].format(x=ISSUE_SUBJECTS[n // 7 % 6])
    return {
        "number": number,
        "title": title,
        "state": state,
        "created_at": iso(created),
        "updated_at": iso(updated),
        "closed_at": iso(updated) if state == "closed" else None,
        "comments": n % 12,
        "labels": _labels(n),
        "user": generated_login("contributor", n % 100_000),
        "pull_request": n % 3 == 0,
        "generated": True,
    }


def listing(
    repo: dict[str, Any], state: str, labels: frozenset[str], sort: str, direction: str
) -> Sequence[int]:
    """The issue numbers a listing shows, in order (computed, or scanned once and cached)."""
    opened, closed = counts(repo)
    numbers = Numbers(state, opened, opened + closed, ascending=direction == "asc")
    if sort == "created" and not labels:
        return numbers
    return _scanned(repo["full_name"], repo["id"], state, labels, sort, direction)


@lru_cache(maxsize=32)
def _scanned(
    full_name: str,
    repo_id: int,
    state: str,
    labels: frozenset[str],
    sort: str,
    direction: str,
) -> array[int]:
    repo = _repo_of(full_name, repo_id)
    opened, closed = counts(repo)
    numbers = Numbers(state, opened, opened + closed, ascending=direction == "asc")
    rows = []
    for number in numbers:
        n = seed_of(full_name, "issue", number)
        if not labels <= {row[0] for row in _labels(n)}:
            continue
        if sort == "comments":
            rows.append((n % 12, number))
        else:
            created, updated = _times(repo, number, n)
            rows.append((updated if sort == "updated" else created, number))
    rows.sort(reverse=direction == "desc")
    return array("l", (number for _, number in rows))


def _repo_of(full_name: str, repo_id: int) -> dict[str, Any]:
    from .data import build_catalog  # the catalog is built once and cached

    owner, name = full_name.split("/")
    repo = build_catalog().repo(owner, name)
    if repo is None or repo["id"] != repo_id:  # pragma: no cover - catalogs never change
        raise LookupError(full_name)
    return repo
