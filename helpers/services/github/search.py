"""``/search/repositories`` and ``/search/users``: query parsing, matching and ranking.

``q`` holds words (matched case-insensitively, all of them) plus qualifiers:

* repositories: ``user:LOGIN``, ``org:LOGIN``, ``language:X`` (quote names with spaces),
  ``topic:X``, ``stars:N`` / ``>N`` / ``>=N`` / ``<N`` / ``<=N`` / ``N..M``, ``forks:`` (same
  forms), ``in:name``, ``in:description``, ``in:topics`` (comma-separated allowed);
* users: ``type:user``/``type:org``, ``in:login``/``in:name``, ``followers:``, ``repos:``
  (number forms as above), ``location:X``.

Unknown qualifiers are searched as text, as on GitHub. The items come from the accounts and
repositories the snapshot holds; ``total_count`` for a few common queries is GitHub's larger
count as a snapshot estimate (``repos.json`` → ``search_total_estimates``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TOKEN_RE = re.compile(r'(\w[\w-]*):"([^"]*)"|(\w[\w-]*):(\S+)|"([^"]*)"|(\S+)')
NUMBER_RE = re.compile(r"^(>=|<=|>|<)?(\d+)(?:\.\.(\d+|\*))?$")
REPO_SORTS = ("stars", "forks", "help-wanted-issues", "updated")
USER_SORTS = ("followers", "repositories", "joined")
MAX_RESULTS = 1000


@dataclass
class Query:
    words: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # user: and org:
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # in:
    numbers: dict[str, list[Callable[[int], bool]]] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)  # type:
    locations: list[str] = field(default_factory=list)


NUMERIC = {"stars", "forks", "followers", "repos"}


def parse(q: str) -> Query:
    """Split ``q`` into free words and the supported ``key:value`` qualifiers."""
    query = Query()
    for match in TOKEN_RE.finditer(q):
        key = (match.group(1) or match.group(3) or "").lower()
        value = match.group(2) if match.group(1) else match.group(4)
        if key and not add_qualifier(query, key, value):
            query.words.append(match.group(0).lower())
        elif not key:
            query.words.append((match.group(5) or match.group(6) or "").lower())
    query.words = [word for word in query.words if word]
    return query


def add_qualifier(query: Query, key: str, value: str) -> bool:
    """Record a qualifier; ``False`` for unknown ones (GitHub then searches them as text)."""
    value = value.lower()
    if key in ("user", "org"):
        query.owners.append(value)
    elif key == "language":
        query.languages.append(normalise(value))
    elif key == "topic":
        query.topics.append(value)
    elif key == "in":
        query.fields += [name for name in value.split(",") if name]
    elif key == "type":
        query.kinds.append("organization" if value in ("org", "organization") else value)
    elif key == "location":
        query.locations.append(value)
    elif key in NUMERIC and NUMBER_RE.match(value):
        query.numbers.setdefault(key, []).append(number_test(value))
    else:
        return False
    return True


def number_test(value: str) -> Callable[[int], bool]:
    op, low, high = NUMBER_RE.match(value).groups()  # type: ignore[union-attr]
    n = int(low)
    if high == "*":
        return lambda x: x >= n
    if high is not None:
        return lambda x: n <= x <= int(high)
    tests: dict[str | None, Callable[[int], bool]] = {
        ">": lambda x: x > n,
        ">=": lambda x: x >= n,
        "<": lambda x: x < n,
        "<=": lambda x: x <= n,
        None: lambda x: x == n,
    }
    return tests[op]


def normalise(name: str | None) -> str:
    return (name or "").lower().replace(" ", "-")


def numbers_ok(query: Query, values: dict[str, int]) -> bool:
    return all(
        test(values[key]) for key, tests in query.numbers.items() if key in values for test in tests
    )


def text_score(texts: dict[str, str], words: list[str], weights: dict[str, float]) -> float | None:
    total = 1.0
    for word in words:
        hits = [weights[name] for name, text in texts.items() if word in text]
        if not hits:
            return None
        total += sum(hits)
    return total


def repo_score(repo: dict[str, Any], query: Query) -> float | None:
    """Relevance of ``repo`` for ``query``; ``None`` when it does not match."""
    if query.owners and repo["owner"].lower() not in query.owners:
        return None
    if query.languages and normalise(repo["language"]) not in query.languages:
        return None
    if any(topic not in repo["topics"] for topic in query.topics):
        return None
    values = {"stars": repo["stargazers_count"], "forks": repo["forks_count"]}
    if not numbers_ok(query, values):
        return None
    texts = {
        "name": repo["name"].lower(),
        "description": (repo["description"] or "").lower(),
        "topics": " ".join(repo["topics"]),
    }
    wanted = [name for name in query.fields if name in texts] or list(texts)
    texts = {name: texts[name] for name in wanted}
    score = text_score(texts, query.words, {"name": 3.0, "topics": 2.0, "description": 1.0})
    return None if score is None else score + repo["stargazers_count"] / 10_000


def search_repos(
    repos: list[dict[str, Any]], query: Query, sort: str | None, order: str
) -> list[tuple[float, dict[str, Any]]]:
    matches = [(score, repo) for repo in repos if (score := repo_score(repo, query)) is not None]
    keys: dict[str, Callable[[tuple[float, dict[str, Any]]], Any]] = {
        "stars": lambda m: m[1]["stargazers_count"],
        "forks": lambda m: m[1]["forks_count"],
        "help-wanted-issues": lambda m: m[1]["open_issues_count"],
        "updated": lambda m: m[1]["updated_at"],
    }
    if sort is None:
        return sorted(matches, key=lambda m: (-m[0], m[1]["id"]))
    ranked = sorted(matches, key=lambda m: m[1]["id"])
    ranked.sort(key=keys[sort], reverse=order == "desc")
    return ranked


def user_score(account: dict[str, Any], query: Query) -> float | None:
    if query.kinds and account["type"].lower() not in query.kinds:
        return None
    if query.owners and account["login"].lower() not in query.owners:
        return None
    location = (account.get("location") or "").lower()
    if any(place not in location for place in query.locations):
        return None
    values = {"followers": account["followers"], "repos": account["public_repos"]}
    if not numbers_ok(query, values):
        return None
    texts = {"login": account["login"].lower(), "name": (account.get("name") or "").lower()}
    wanted = [name for name in query.fields if name in texts] or list(texts)
    texts = {name: texts[name] for name in wanted}
    score = text_score(texts, query.words, {"login": 3.0, "name": 2.0})
    return None if score is None else score + account["followers"] / 100_000


def search_users(
    accounts: list[dict[str, Any]], query: Query, sort: str | None, order: str
) -> list[tuple[float, dict[str, Any]]]:
    matches = [(s, acc) for acc in accounts if (s := user_score(acc, query)) is not None]
    keys: dict[str, Callable[[tuple[float, dict[str, Any]]], Any]] = {
        "followers": lambda m: m[1]["followers"],
        "repositories": lambda m: m[1]["public_repos"],
        "joined": lambda m: m[1]["created_at"],
    }
    if sort is None:
        return sorted(matches, key=lambda m: (-m[0], m[1]["id"]))
    ranked = sorted(matches, key=lambda m: m[1]["id"])
    ranked.sort(key=keys[sort], reverse=order == "desc")
    return ranked


def estimated_total(q: str, found: int, estimates: dict[str, Any]) -> int:
    """GitHub's total for a common query (snapshot estimate), never below what was found."""

    def words(text: str) -> tuple[str, ...]:
        return tuple(sorted(text.lower().split()))

    value = next((n for text, n in estimates.items() if words(text) == words(q)), None)
    return max(found, value) if isinstance(value, int) else found
