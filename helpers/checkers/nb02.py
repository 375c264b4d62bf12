"""Checkers for notebook 02 (Working with JSON).

Each checker fetches fresh data from the check's private simulated GitHub API (never the
learner's: no rate limit spent) and compares what the learner's value or function gives with
what it should give. Every expectation is computed from the service's data.
"""

from __future__ import annotations

import math

import pandas as pd
import requests

from helpers.checkers._tools import require_callable
from helpers.exercises import NotAttempted, Wrong, exercise

GITHUB = "https://api.github.com"

# The GitHub accounts these checkers read: the one place to change when the snapshot changes.
RECENT_REPOS_ACCOUNT = "octocat"  # the account of the notebook's repos_df (02-recent-repos)
SUMMARY_ACCOUNTS = ("octocat", "python")  # a user, and an organisation with many repos
CARD_USERS = ("octocat", "torvalds", "gvanrossum")  # real profiles for 02-user-card
SUMMARY_KEYS = ("name", "language", "stars", "license")


def _get_json(url: str, **params):
    r = requests.get(url, params=params or None, timeout=10)
    r.raise_for_status()
    return r.json()


def _repos(username: str, **params) -> list[dict]:
    return _get_json(f"{GITHUB}/users/{username}/repos", **params)


def _user(username: str) -> dict:
    return _get_json(f"{GITHUB}/users/{username}")


def _missing_to_none(value):
    """pandas writes a missing value as NaN (or NA/NaT): count them all as None."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists, dicts: not a scalar
        pass
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# -- 02-recent-repos ---------------------------------------------------------------------------


def _pushed(repos_df: object) -> list[dict]:
    """name and pushed_at of the notebook's repos_df, or of the account's repos."""
    if isinstance(repos_df, pd.DataFrame) and {"name", "pushed_at"} <= set(repos_df.columns):
        return repos_df[["name", "pushed_at"]].to_dict("records")
    return _repos(RECENT_REPOS_ACCOUNT)


@exercise("02-recent-repos", "recent_repos", optional=("repos_df",))
def recent_repos_checker(recent_repos, repos_df=None):
    df = recent_repos
    if not isinstance(df, pd.DataFrame):
        raise Wrong(
            f"`recent_repos` should be a DataFrame, but it is a {type(df).__name__}.",
            "build it like top_starred: repos_df[columns].sort_values(...).head(5)",
        )
    wanted = {"name", "language", "pushed_at"}
    columns = set(map(str, df.columns))
    if columns != wanted:
        missing = ", ".join(sorted(wanted - columns)) or "none"
        extra = ", ".join(sorted(columns - wanted)) or "none"
        raise Wrong(
            f"the columns should be name, language and pushed_at (missing: {missing}; "
            f"extra: {extra}).",
            'select them with repos_df[["name", "language", "pushed_at"]]',
        )
    repos = _pushed(repos_df)
    newest = sorted(repos, key=lambda repo: repo["pushed_at"], reverse=True)
    expected = [repo["name"] for repo in newest[:5]]
    names = [str(name) for name in df["name"]]
    if len(names) != 5:
        raise Wrong(
            f"`recent_repos` has {len(names)} rows; it should have the 5 most recently pushed.",
            "end with .head(5) after sorting",
        )
    if names == [repo["name"] for repo in newest[::-1][:5]]:
        raise Wrong(
            "these are the 5 repositories pushed longest ago, oldest first.",
            "sort newest first: sort_values(..., ascending=False)",
        )
    if names != expected:
        raise Wrong(
            f"the rows are {names}, but the 5 most recently pushed are {expected}.",
            'sort by "pushed_at", descending, before .head(5)',
        )
    return (
        f"{expected[0]} was pushed most recently. ISO 8601 timestamps in one format and time "
        "zone sort correctly as plain strings; convert them with pd.to_datetime when you "
        "need date arithmetic."
    )


# -- 02-repo-summary ---------------------------------------------------------------------------


def _expected_summary(repos: list[dict]) -> list[dict]:
    return [
        {
            "name": repo["name"],
            "language": repo["language"],
            "stars": repo["stargazers_count"],
            "license": (repo["license"] or {}).get("spdx_id"),
        }
        for repo in repos
    ]


def _as_records(result, label: str) -> list[dict]:
    if isinstance(result, pd.DataFrame):
        result = result.to_dict("records")
    if not isinstance(result, list):
        raise Wrong(
            f"repo_summary({label}) returned a {type(result).__name__}, not a list.",
            "build a list with one dict per repository and return it",
        )
    for item in result:
        if not isinstance(item, dict):
            raise Wrong(
                f"repo_summary({label}) returned a list of {type(item).__name__}, not of dicts.",
                'append one dict per repository: {"name": ..., "language": ..., ...}',
            )
        if any(value is Ellipsis for value in item.values()):
            raise NotAttempted(
                "repo_summary still has `...` placeholders: fill them in, run the cell, "
                "then run this cell again."
            )
    return result


def _call_summary(repo_summary, repos: list[dict], label: str) -> list[dict]:
    try:
        result = repo_summary([dict(repo) for repo in repos])
    except TypeError as e:
        if "NoneType" in str(e):
            raise Wrong(
                f"repo_summary({label}) raised TypeError: {e}. Some repositories have "
                '"license": null.',
                'when repo["license"] is None, there is no ["spdx_id"] to read: use '
                '(repo["license"] or {}).get("spdx_id")',
            ) from None
        raise
    except AttributeError as e:
        if "NoneType" in str(e):
            raise Wrong(
                f"repo_summary({label}) raised AttributeError: {e}. Some repositories have "
                '"license": null.',
                'repo.get("license", {}) gives None, not {}, when the value is null: '
                'use (repo["license"] or {}).get("spdx_id")',
            ) from None
        raise
    return _as_records(result, label)


def _compare_summary(got: list[dict], want: list[dict], label: str) -> None:
    if len(got) != len(want):
        raise Wrong(
            f"repo_summary({label}) returned {len(got)} dicts for {len(want)} repositories.",
            "append exactly one dict per repository, in the order they come",
        )
    for item, expected in zip(got, want, strict=True):
        keys = set(map(str, item))
        if keys != set(SUMMARY_KEYS):
            raise Wrong(
                f"a summary has the keys {sorted(keys)}; it should have exactly "
                f"{list(SUMMARY_KEYS)}.",
                "use those four names as the dict's keys",
            )
        for key in SUMMARY_KEYS:
            value = _missing_to_none(item[key])
            if value != expected[key]:
                where = f"for the repository {expected['name']!r}"
                hint = {
                    "stars": 'the star count is repo["stargazers_count"]',
                    "license": 'the license id is in repo["license"]["spdx_id"] (e.g. "MIT"); '
                    'use None when repo["license"] is None',
                    "name": 'the name is repo["name"]',
                    "language": 'the language is repo["language"] (it may be None)',
                }[key]
                raise Wrong(f"{where}, {key} is {value!r}, expected {expected[key]!r}.", hint)


@exercise("02-repo-summary", "repo_summary")
def repo_summary_checker(repo_summary):
    require_callable(
        repo_summary,
        "repo_summary",
        "keep the def repo_summary(repos): ... line and fill in its body",
    )
    cases = {f"{name}'s repos": _repos(name, per_page=100) for name in SUMMARY_ACCOUNTS}
    cases["[]"] = []
    for label, repos in cases.items():
        got = _call_summary(repo_summary, repos, label)
        _compare_summary(got, _expected_summary(repos), label)
    nulls = sum(repo["license"] is None for repos in cases.values() for repo in repos)
    return (
        f"your function summarised {sum(map(len, cases.values()))} fresh repositories, "
        f"{nulls} of them with a null license."
    )


# -- 02-user-card ------------------------------------------------------------------------------


def _expected_card(user: dict) -> str:
    name = user.get("name") or user["login"]
    company = (user.get("company") or "no company").strip().lstrip("@")
    return f"{name} · {company}"


@exercise("02-user-card", "user_card")
def user_card_checker(user_card):
    require_callable(
        user_card, "user_card", "keep the def user_card(user): ... line and fix its body"
    )
    cases = [_user(login) for login in CARD_USERS]
    cases += [  # the null cases, whatever the real profiles hold today
        {"login": "no-profile", "name": None, "company": None},
        {"login": "mlops-bot", "name": None, "company": "@acme-ai"},
        {"login": "ada-l", "name": "Ada L.", "company": None},
    ]
    for user in cases:
        expected = _expected_card(user)
        nulls = [key for key in ("name", "company") if user.get(key) is None]
        about = f"{user['login']} (null: {', '.join(nulls)})" if nulls else user["login"]
        try:
            got = user_card(dict(user))
        except (AttributeError, TypeError) as e:
            raise Wrong(
                f"user_card crashed for {about}: {type(e).__name__}: {e}.",
                ".get(key, default) only uses the default when the key is missing; a null "
                "value comes back as None, and None has no string methods. Give a null value "
                "its fallback before you call .strip().",
            ) from None
        if got != expected:
            if isinstance(got, str) and got.startswith("None"):
                hint = (
                    '.get("name", user["login"]) returns None when the name is null: '
                    "the default only applies to a missing key"
                )
            elif isinstance(got, str) and "@" in got:
                hint = 'keep removing the leading "@" from the company, as the original did'
            else:
                hint = "compare your line with the expected one, character by character"
            raise Wrong(f"for {about} you returned {got!r}, expected {expected!r}.", hint)
    return (
        "null-safe: `d.get(key) or default` covers both a missing key and a null value "
        "(but it also replaces 0 and empty strings, so test `is None` for numbers)."
    )
