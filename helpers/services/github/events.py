"""Generated activity: ``GET /events`` (the public timeline) and its scoped twins.

Events are generated, not data: each is a deterministic function of its timeline and its
position, built from the snapshot's accounts and repositories (actors other than the held
accounts are ``contributor-NNNNN``/``stargazer-NNNNN``, as in the other bulk lists). The
bodies have GitHub's shapes, with no mark of their own; that they are generated is stated in
``repos.json`` (``provenance.bulk_lists``) and the package docstring.

As on GitHub (REST docs, "REST API endpoints for events"): ``per_page`` 30 by default, at most
100; a timeline holds at most 300 events (``rel="last"`` stops there; the public timeline
answers a page beyond with 422 "pagination is limited"), only events of the last 30 days (the
window since 2025-01-30); the public feed is delayed by five minutes; ``X-Poll-Interval: 60``
and a weak ``ETag`` (``If-None-Match`` -> 304) on every answer. Since October 2025 GitHub's
``PushEvent`` payload no longer lists commits: ``repository_id``, ``push_id``, ``ref``,
``head``, ``before``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, request

from . import issues, objects
from .data import SNAPSHOT_END, Catalog, epoch, generated_login, iso, seed_of
from .errors import not_found
from .objects import API_URL
from .paging import paginate
from .versions import current_version

TIMELINE_CAP = 300  # events a timeline serves at most
POLL_INTERVAL = "60"
FEED_DELAY = 300  # seconds: the public feed is five minutes behind
WINDOW = 30 * 24 * 3600  # seconds: events older than 30 days are not served
NEWEST_ID = 57_400_000_000  # generated: about where GitHub's event ids are at the snapshot
IDS_PER_SECOND = 220  # generated: how fast event ids grow on GitHub (order of magnitude)
PUBLIC_NOTIONAL = 10**6  # the public timeline is far longer than what may be paged
# (type, weight): roughly the mix of GitHub's public timeline.
TYPES = (
    ("PushEvent", 50),
    ("WatchEvent", 12),
    ("CreateEvent", 10),
    ("PullRequestEvent", 12),
    ("IssuesEvent", 10),
    ("ForkEvent", 6),
)
DOCS = "activity/events"


def pick_type(n: int) -> str:
    point = n % sum(weight for _, weight in TYPES)
    for name, weight in TYPES:
        if point < weight:
            return name
        point -= weight
    return TYPES[0][0]  # pragma: no cover - the weights cover every point


def sha(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()


def actor_json(account: dict[str, Any]) -> dict[str, Any]:
    login, number = account["login"], account["id"]
    return {
        "id": number,
        "login": login,
        "display_login": login,
        "gravatar_id": "",
        "url": f"{API_URL}/users/{login}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?",
    }


def org_json(account: dict[str, Any]) -> dict[str, Any]:
    login, number = account["login"], account["id"]
    return {
        "id": number,
        "login": login,
        "gravatar_id": "",
        "url": f"{API_URL}/orgs/{login}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?",
    }


class Builder:
    """Builds one event from (repository, actor, moment, seed)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def owner(self, repo: dict[str, Any]) -> dict[str, Any]:
        return self.catalog.accounts[repo["owner"].lower()]

    def default_actor(self, repo: dict[str, Any], kind: str, n: int) -> dict[str, Any]:
        owner = self.owner(repo)
        if kind in ("WatchEvent", "ForkEvent"):
            return generated_login("stargazer", n % 100_000)
        if owner["type"] == "User" and n % 4 == 0:
            return owner
        return generated_login("contributor", n % 100_000)

    def event(
        self, repo: dict[str, Any], moment: int, n: int, actor: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        kind = pick_type(n)
        if kind == "ForkEvent" and actor is not None and actor["login"] == repo["owner"]:
            kind = "WatchEvent"  # nobody forks their own repository
        payload = self.payload(kind, repo, moment, n, actor)
        if payload is None:  # no issue or pull request to show: a push instead
            kind, payload = "PushEvent", self.payload("PushEvent", repo, moment, n, actor)
        person = actor or self.default_actor(repo, kind, n >> 8)
        body: dict[str, Any] = {
            "id": str(NEWEST_ID - (epoch(SNAPSHOT_END) - moment) * IDS_PER_SECOND - n % 200),
            "type": kind,
            "actor": actor_json(person),
            "repo": {
                "id": repo["id"],
                "name": repo["full_name"],
                "url": f"{API_URL}/repos/{repo['full_name']}",
            },
            "payload": payload,
            "public": True,
            "created_at": iso(moment),
        }
        owner = self.owner(repo)
        if owner["type"] == "Organization":
            body["org"] = org_json(owner)
        return body

    def payload(
        self,
        kind: str,
        repo: dict[str, Any],
        moment: int,
        n: int,
        actor: dict[str, Any] | None,
    ) -> dict[str, Any] | None:
        key = (repo["full_name"], moment, n)
        if kind == "PushEvent":
            return {
                "repository_id": repo["id"],
                "push_id": 29_000_000_000 + n % 1_000_000_000,
                "ref": f"refs/heads/{repo['default_branch']}",
                "head": sha(*key, "head"),
                "before": sha(*key, "before"),
            }
        if kind == "WatchEvent":
            return {"action": "started"}
        if kind == "CreateEvent":
            tag = n % 3 == 0
            return {
                "ref": f"v{n % 5}.{n % 17}.{n % 9}" if tag else f"fix-{n % 10_000}",
                "ref_type": "tag" if tag else "branch",
                "master_branch": repo["default_branch"],
                "description": repo["description"],
                "pusher_type": "user",
            }
        if kind == "ForkEvent":
            person = actor or self.default_actor(repo, kind, n >> 8)
            return {"forkee": self.forkee(repo, person, moment)}
        return self.issue_payload(kind, repo, n)

    def forkee(self, repo: dict[str, Any], person: dict[str, Any], moment: int) -> dict[str, Any]:
        stamp = iso(moment)
        fork = {
            **repo,
            "full_name": f"{person['login']}/{repo['name']}",
            "owner": person["login"],
            "id": 1_100_000_000 + seed_of(person["login"], repo["full_name"]) % 40_000_000,
            "fork": True,
            "language": None,
            "topics": [],
            "homepage": None,
            "created_at": stamp,
            "updated_at": stamp,
            "pushed_at": repo["pushed_at"],
            "stargazers_count": 0,
            "forks_count": 0,
            "open_issues_count": 0,
            "has_pages": False,
        }
        return {**objects.repository(fork, person, current_version()), "public": True}

    def issue_payload(self, kind: str, repo: dict[str, Any], n: int) -> dict[str, Any] | None:
        opened, closed = issues.counts(repo)
        if not repo.get("has_issues", True) or opened + closed == 0:
            return None
        want_pull = kind == "PullRequestEvent"
        for back in range(n % 12, n % 12 + 30):
            number = opened + closed - back
            if number < 1:
                return None
            record = issues.record(repo, number)
            if record["pull_request"] == want_pull:
                break
        else:
            return None  # pragma: no cover - one in three is a pull request
        action = "closed" if record["state"] == "closed" else "opened"
        shaped = objects.issue(repo, record)
        if not want_pull:
            return {"action": action, "issue": shaped}
        pull = {
            key: shaped[key]
            for key in ("id", "node_id", "number", "state", "locked", "title", "user", "body")
        }
        pull.update(
            {
                "url": shaped["pull_request"]["url"],
                "html_url": shaped["pull_request"]["html_url"],
                "diff_url": shaped["pull_request"]["diff_url"],
                "patch_url": shaped["pull_request"]["patch_url"],
                "issue_url": shaped["url"],
                "created_at": shaped["created_at"],
                "updated_at": shaped["updated_at"],
                "closed_at": shaped["closed_at"],
                "merged_at": shaped["pull_request"]["merged_at"],
                "draft": False,
                "head": {"ref": f"fix-{number}", "sha": sha(repo["full_name"], number, "head")},
                "base": {"ref": repo["default_branch"], "sha": sha(repo["full_name"], "base")},
            }
        )
        return {"action": action, "number": number, "pull_request": pull}


def activity(repo: dict[str, Any]) -> int:
    """How many events a repository's 30-day timeline holds (generated, at most 300)."""
    return min(TIMELINE_CAP, 2 + repo["stargazers_count"] // 150 + repo["open_issues_count"] // 10)


def pick_repo(repos: list[dict[str, Any]], n: int) -> dict[str, Any]:
    """One of ``repos``, the busier ones more often."""
    point = n % sum(activity(repo) + 1 for repo in repos)
    for repo in repos:
        point -= activity(repo) + 1
        if point < 0:
            return repo
    return repos[-1]  # pragma: no cover - the weights cover every point


def spread(count: int, index: int, salt: object) -> int:
    """The moment of the ``index``-th newest of ``count`` events spread over the window."""
    end = epoch(SNAPSHOT_END)
    slot = max(1, WINDOW // max(1, count))
    return end - index * slot - seed_of(salt, index) % slot


def install(app: Flask, catalog: Catalog) -> None:
    builder = Builder(catalog)
    repos = sorted(catalog.all_repos(), key=lambda repo: repo["id"])

    def timeline(count: int, item_at: Callable[[int], dict[str, Any]], cap: int) -> Response:
        base = f"{API_URL}{request.path}"
        response = paginate([], base, total=count, item_at=item_at, max_items=cap)
        response.headers["X-Poll-Interval"] = POLL_INTERVAL
        return response

    @app.get("/events")
    def public_events() -> Response:
        newest = epoch(SNAPSHOT_END) - FEED_DELAY

        def item_at(index: int) -> dict[str, Any]:
            n = seed_of("public", index)
            moment = newest - index * 2 - n % 2
            return builder.event(repos[n % len(repos)], moment, n >> 4)

        return timeline(PUBLIC_NOTIONAL, item_at, TIMELINE_CAP)

    def user_timeline(username: str) -> Response:
        account = catalog.account(username)
        if account is None:
            return not_found(f"{DOCS}#list-public-events-for-a-user")
        if account["type"] == "Organization" or account["login"] == "ghost":
            return timeline(0, lambda index: {}, TIMELINE_CAP)  # organisations do not act
        own = catalog.repos[account["login"].lower()] or repos
        count = 10 + seed_of(account["login"], "events") % 60

        def item_at(index: int) -> dict[str, Any]:
            n = seed_of(account["login"], "event", index)
            repo = own[n % len(own)] if n % 3 else repos[n % len(repos)]
            return builder.event(repo, spread(count, index, account["login"]), n >> 4, account)

        return timeline(count, item_at, TIMELINE_CAP)

    app.add_url_rule("/users/<username>/events", "user_events", user_timeline)
    app.add_url_rule("/users/<username>/events/public", "user_public_events", user_timeline)

    @app.get("/repos/<owner>/<name>/events")
    def repo_events(owner: str, name: str) -> Response:
        repo = catalog.repo(owner, name)
        if repo is None:
            return not_found(f"{DOCS}#list-repository-events")
        count = activity(repo)

        def item_at(index: int) -> dict[str, Any]:
            n = seed_of(repo["full_name"], "event", index)
            return builder.event(repo, spread(count, index, repo["full_name"]), n >> 4)

        return timeline(count, item_at, TIMELINE_CAP)

    @app.get("/orgs/<org>/events")
    def org_events(org: str) -> Response:
        account = catalog.account(org)
        if account is None or account["type"] != "Organization":
            return not_found(f"{DOCS}#list-public-organization-events")
        own = sorted(catalog.repos[account["login"].lower()], key=lambda repo: repo["id"])
        count = min(TIMELINE_CAP, sum(activity(repo) for repo in own))

        def item_at(index: int) -> dict[str, Any]:
            n = seed_of(account["login"], "event", index)
            return builder.event(pick_repo(own, n), spread(count, index, account["login"]), n >> 4)

        return timeline(count, item_at, TIMELINE_CAP)
