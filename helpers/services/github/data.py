"""The snapshot data (``data/*.json``) and the lists generated from it at app start.

Accounts and repositories are real (see each file's ``provenance``); issues, stargazers,
contributors, and the details of repositories held by name only, are generated
deterministically (a hash of the repository's name), so every run gives the same bodies.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")
SNAPSHOT_DATE = "2026-12-01"
SNAPSHOT_END = "2026-12-01T06:00:00Z"
# GitHub returns at most this many contributors through the API.
MAX_CONTRIBUTORS = 500


def load(name: str) -> dict[str, Any]:
    """One data file, parsed (cached: the files never change while the course runs)."""
    return _load(name)


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def seed_of(*parts: object) -> int:
    """A stable integer from ``parts`` (independent of Python's hash randomisation)."""
    text = "\x1f".join(str(part) for part in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def epoch(stamp: str) -> int:
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def between(start: str, end: str, *key: object) -> str:
    """A deterministic timestamp in ``[start, end]``."""
    low, high = epoch(start), epoch(end)
    return iso(low + seed_of(*key) % max(1, high - low))


@dataclass
class Catalog:
    """Accounts and repositories, indexed; read-only once built."""

    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # lower login -> record
    by_id: dict[int, str] = field(default_factory=dict)  # id -> lower login
    repos: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # lower owner -> repos

    def account(self, login: str) -> dict[str, Any] | None:
        return self.accounts.get(login.lower())

    def repo(self, owner: str, name: str) -> dict[str, Any] | None:
        for repo in self.repos.get(owner.lower(), []):
            if repo["name"].lower() == name.lower():
                return repo
        return None

    def all_repos(self) -> list[dict[str, Any]]:
        return [repo for repos in self.repos.values() for repo in repos]

    def repo_by_id(self, repo_id: int) -> dict[str, Any] | None:
        """The repository GitHub serves at ``/repositories/{id}`` (where its Link headers point)."""
        return next((repo for repo in self.all_repos() if repo["id"] == repo_id), None)


@cache
def build_catalog() -> Catalog:
    """Read the data files and index them (owners resolved, generated repos filled in).

    Built once and shared by every app: nothing writes to it after this function returns
    (the per-app state is rate limits and counters, in :mod:`.ratelimit`)."""
    accounts_file, repos_file = load("accounts.json"), load("repos.json")
    catalog = Catalog()
    for kind, rows in (("User", accounts_file["users"]), ("Organization", accounts_file["orgs"])):
        for row in rows:
            record = {**row, "type": kind}
            catalog.accounts[row["login"].lower()] = record
            catalog.by_id[row["id"]] = row["login"].lower()
            catalog.repos[row["login"].lower()] = []
    for row in repos_file["repos"]:
        owner, name = row["full_name"].split("/")
        catalog.repos[owner.lower()].append({**row, "name": name, "owner": owner})
    for owner, entries in repos_file["more"].items():
        for entry in entries:
            known = entry if isinstance(entry, dict) else {"name": entry}
            repo = generated_repo(catalog.accounts[owner], known["name"])
            for key in ("language", "description", "fork"):
                if key in known:
                    repo[key] = known[key]
            catalog.repos[owner.lower()].append(repo)
    for login, repos in catalog.repos.items():
        catalog.accounts[login]["public_repos"] = len(repos)
    return catalog


# (creation time, repository id) pairs of real repositories: ids grow with time.
ID_TIMELINE = (
    ("2008-01-01T00:00:00Z", 1),
    ("2011-01-26T19:01:12Z", 1_296_269),
    ("2017-02-10T19:23:51Z", 81_598_961),
    ("2018-05-10T17:51:29Z", 132_935_648),
    ("2023-02-27T00:31:12Z", 606_948_484),
    ("2025-02-22T17:41:21Z", 937_253_475),
    ("2027-01-01T00:00:00Z", 1_150_000_000),
)


def id_for(created: str, n: int) -> int:
    """A plausible repository id for a generated repository created at ``created``."""
    moment = epoch(created)
    for (start, low), (end, high) in itertools.pairwise(ID_TIMELINE):
        if moment <= epoch(end):
            share = (moment - epoch(start)) / max(1, epoch(end) - epoch(start))
            return int(low + share * (high - low)) + n % 997
    return ID_TIMELINE[-1][1] + n % 997


def generated_repo(owner: dict[str, Any], name: str) -> dict[str, Any]:
    """A repository held by name only: details generated from its name, marked ``generated``."""
    key = f"{owner['login']}/{name}"
    n = seed_of(key)
    created = between(owner["created_at"], "2025-06-30T00:00:00Z", key, "created")
    pushed = between(created, SNAPSHOT_END, key, "pushed")
    stars = n % 900 + 5
    return {
        "full_name": key,
        "name": name,
        "owner": owner["login"],
        "id": id_for(created, n),
        "description": None,
        "homepage": None,
        "language": None,
        "license": None,
        "topics": [],
        "fork": False,
        "default_branch": "main",
        "created_at": created,
        "updated_at": between(pushed, SNAPSHOT_END, key, "updated"),
        "pushed_at": pushed,
        "stargazers_count": stars,
        "forks_count": stars // 4,
        "open_issues_count": n % 40,
        "subscribers_count": stars // 20 + 1,
        "size": n % 20_000 + 10,
        "has_pages": False,
        "generated": True,
    }


# ---------------------------------------------------------------------------------------------
# Generated bulk lists: marked "generated" in their records, never read from the data files.
# ---------------------------------------------------------------------------------------------


def generated_login(kind: str, n: int) -> dict[str, Any]:
    """A generated account for bulk lists (``stargazer-00042``): not one of the held accounts."""
    return {
        "login": f"{kind}-{n:05d}",
        "id": 200_000_000 + seed_of(kind, n) % 90_000_000,
        "type": "User",
        "generated": True,
    }


def stargazer(repo: dict[str, Any], index: int) -> dict[str, Any]:
    """The ``index``-th stargazer of ``repo`` (0-based, oldest star first), computed on demand."""
    person = generated_login("stargazer", seed_of(repo["full_name"], index) % 100_000)
    start, end = epoch(repo["created_at"]), epoch(SNAPSHOT_END)
    share = (index + 0.5) / max(1, repo["stargazers_count"])
    return {**person, "starred_at": iso(start + share * (end - start))}


def contributors(repo: dict[str, Any]) -> list[dict[str, Any]]:
    """Generated contributors, most contributions first (at most 500, as on GitHub)."""
    count = min(MAX_CONTRIBUTORS, max(1, repo["stargazers_count"] // 60))
    top = seed_of(repo["full_name"], "top") % 3000 + 200
    people = []
    for rank in range(count):
        person = generated_login("contributor", seed_of(repo["full_name"], rank) % 100_000)
        people.append({**person, "contributions": max(1, top // (rank + 1))})
    return people
