"""The one place that shapes GitHub objects, so every endpoint returns the same shape.

Key sets and order follow GitHub's OpenAPI schemas (``simple-user``, ``public-user``,
``private-user``, ``organization-full``, ``full-repository``, ``minimal-repository``/``repository``
as lists and search return them, ``issue``). ``version`` is the ``X-GitHub-Api-Version`` in use:
2026-03-10 drops ``has_downloads`` from repositories (see :mod:`.versions`).
"""

from __future__ import annotations

import base64
import struct
from typing import Any

from .data import load

API_URL = "https://api.github.com"
WEB_URL = "https://github.com"
NEW_NODE_IDS_FROM = "2021-07-01T00:00:00Z"  # objects created later get the new id format


def node_id(kind: str, number: int, created_at: str = "") -> str:
    """GitHub's global node id: legacy ``base64("<len>:<Type><id>")`` for older objects, the
    newer ``<prefix>_`` + base64(msgpack ``[0, id]``) form for objects created since mid-2021."""
    if created_at >= NEW_NODE_IDS_FROM and kind == "Repository":
        packed = b"\x92\x00\xce" + struct.pack(">I", number)
        return "R_" + base64.urlsafe_b64encode(packed).decode().rstrip("=")
    text = f"0{len(kind)}:{kind}{number}"
    return base64.b64encode(text.encode()).decode()


def simple_user(account: dict[str, Any]) -> dict[str, Any]:
    """``simple-user``: an owner, an issue's author, a stargazer."""
    login = account["login"]
    api = f"{API_URL}/users/{login}"
    kind = account.get("type", "User")
    return {
        "login": login,
        "id": account["id"],
        "node_id": node_id("Organization" if kind == "Organization" else "User", account["id"]),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account['id']}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"{WEB_URL}/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": kind,
        "user_view_type": "public",
        "site_admin": False,
    }


PROFILE_KEYS = (
    "name",
    "company",
    "blog",
    "location",
    "email",
    "hireable",
    "bio",
    "twitter_username",
)


def public_user(account: dict[str, Any]) -> dict[str, Any]:
    """``public-user``: ``GET /users/{username}`` (organisations too, with type Organization)."""
    profile = {key: account.get(key) for key in PROFILE_KEYS}
    if account.get("type") == "Organization":
        profile["bio"] = account.get("description")
    return {
        **simple_user(account),
        **profile,
        "public_repos": account["public_repos"],
        "public_gists": account["public_gists"],
        "followers": account["followers"],
        "following": account["following"],
        "created_at": account["created_at"],
        "updated_at": account["updated_at"],
    }


def private_user(account: dict[str, Any]) -> dict[str, Any]:
    """``private-user``: ``GET /user`` for the token's owner."""
    return {
        **public_user(account),
        "notification_email": account.get("email"),
        "private_gists": 0,
        "total_private_repos": 0,
        "owned_private_repos": 0,
        "disk_usage": 21330,
        "collaborators": 0,
        "two_factor_authentication": True,
        "plan": {"name": "pro", "space": 976562499, "collaborators": 0, "private_repos": 9999},
    }


def organization(account: dict[str, Any]) -> dict[str, Any]:
    """``organization-full`` as an anonymous caller sees it: ``GET /orgs/{org}``."""
    login = account["login"]
    api = f"{API_URL}/orgs/{login}"
    return {
        "login": login,
        "id": account["id"],
        "node_id": node_id("Organization", account["id"]),
        "url": api,
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events",
        "hooks_url": f"{api}/hooks",
        "issues_url": f"{api}/issues",
        "members_url": f"{api}/members{{/member}}",
        "public_members_url": f"{api}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account['id']}?v=4",
        "description": account.get("description"),
        "name": account.get("name"),
        "company": account.get("company"),
        "blog": account.get("blog"),
        "location": account.get("location"),
        "email": account.get("email"),
        "twitter_username": account.get("twitter_username"),
        "is_verified": account.get("is_verified", False),
        "has_organization_projects": account.get("has_organization_projects", True),
        "has_repository_projects": account.get("has_repository_projects", True),
        "public_repos": account["public_repos"],
        "public_gists": account["public_gists"],
        "followers": account["followers"],
        "following": account["following"],
        "html_url": f"{WEB_URL}/{login}",
        "created_at": account["created_at"],
        "updated_at": account["updated_at"],
        "archived_at": None,
        "type": "Organization",
    }


def license_object(key: str | None) -> dict[str, Any] | None:
    if key is None:
        return None
    info = load("repos.json")["licenses"][key]
    return {
        "key": key,
        "name": info["name"],
        "spdx_id": info["spdx_id"],
        "url": None if key == "other" else f"{API_URL}/licenses/{key}",
        "node_id": info["node_id"],
    }


REPO_URL_TEMPLATES = (
    ("forks_url", "/forks"),
    ("keys_url", "/keys{/key_id}"),
    ("collaborators_url", "/collaborators{/collaborator}"),
    ("teams_url", "/teams"),
    ("hooks_url", "/hooks"),
    ("issue_events_url", "/issues/events{/number}"),
    ("events_url", "/events"),
    ("assignees_url", "/assignees{/user}"),
    ("branches_url", "/branches{/branch}"),
    ("tags_url", "/tags"),
    ("blobs_url", "/git/blobs{/sha}"),
    ("git_tags_url", "/git/tags{/sha}"),
    ("git_refs_url", "/git/refs{/sha}"),
    ("trees_url", "/git/trees{/sha}"),
    ("statuses_url", "/statuses/{sha}"),
    ("languages_url", "/languages"),
    ("stargazers_url", "/stargazers"),
    ("contributors_url", "/contributors"),
    ("subscribers_url", "/subscribers"),
    ("subscription_url", "/subscription"),
    ("commits_url", "/commits{/sha}"),
    ("git_commits_url", "/git/commits{/sha}"),
    ("comments_url", "/comments{/number}"),
    ("issue_comment_url", "/issues/comments{/number}"),
    ("contents_url", "/contents/{+path}"),
    ("compare_url", "/compare/{base}...{head}"),
    ("merges_url", "/merges"),
    ("archive_url", "/{archive_format}{/ref}"),
    ("downloads_url", "/downloads"),
    ("issues_url", "/issues{/number}"),
    ("pulls_url", "/pulls{/number}"),
    ("milestones_url", "/milestones{/number}"),
    ("notifications_url", "/notifications{?since,all,participating}"),
    ("labels_url", "/labels{/name}"),
    ("releases_url", "/releases{/id}"),
    ("deployments_url", "/deployments"),
)


def repository(
    repo: dict[str, Any], owner: dict[str, Any], version: str, full: bool = False
) -> dict[str, Any]:
    """A repository: the list/search shape, or with ``full`` the ``GET /repos/{o}/{r}`` one
    (which adds ``network_count`` and ``subscribers_count``)."""
    full_name = repo["full_name"]
    api = f"{API_URL}/repos/{full_name}"
    stars = repo["stargazers_count"]
    body: dict[str, Any] = {
        "id": repo["id"],
        "node_id": node_id("Repository", repo["id"], repo["created_at"]),
        "name": repo["name"],
        "full_name": full_name,
        "private": False,
        "owner": simple_user(owner),
        "html_url": f"{WEB_URL}/{full_name}",
        "description": repo["description"],
        "fork": repo["fork"],
        "url": api,
        **{key: api + suffix for key, suffix in REPO_URL_TEMPLATES},
        "created_at": repo["created_at"],
        "updated_at": repo["updated_at"],
        "pushed_at": repo["pushed_at"],
        "git_url": f"git://github.com/{full_name}.git",
        "ssh_url": f"git@github.com:{full_name}.git",
        "clone_url": f"{WEB_URL}/{full_name}.git",
        "svn_url": f"{WEB_URL}/{full_name}",
        "homepage": repo["homepage"],
        "size": repo["size"],
        "stargazers_count": stars,
        "watchers_count": stars,
        "language": repo["language"],
        "has_issues": repo.get("has_issues", True),
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": repo.get("has_wiki", True),
        "has_pages": repo["has_pages"],
        "has_discussions": repo.get("has_discussions", False),
        "forks_count": repo["forks_count"],
        "mirror_url": None,
        "archived": repo.get("archived", False),
        "disabled": False,
        "open_issues_count": repo["open_issues_count"],
        "license": license_object(repo["license"]),
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "has_pull_requests": True,
        "pull_request_creation_policy": "all",
        "topics": list(repo["topics"]),
        "visibility": "public",
        "forks": repo["forks_count"],
        "open_issues": repo["open_issues_count"],
        "watchers": stars,
        "default_branch": repo["default_branch"],
    }
    if full:
        body["temp_clone_token"] = None
        body["custom_properties"] = {}
        if owner["type"] == "Organization":
            body["organization"] = simple_user(owner)
        body["network_count"] = repo["forks_count"]
        body["subscribers_count"] = repo["subscribers_count"]
    if version >= "2026-03-10":
        del body["has_downloads"]
    return body


def label(repo: dict[str, Any], row: tuple[str, str, str]) -> dict[str, Any]:
    name, color, description = row
    number = 100_000_000 + sum(map(ord, repo["full_name"] + name)) * 7919
    return {
        "id": number,
        "node_id": node_id("Label", number),
        "url": f"{API_URL}/repos/{repo['full_name']}/labels/{name.replace(' ', '%20')}",
        "name": name,
        "color": color,
        "default": True,
        "description": description,
    }


def issue(repo: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """``issue`` as ``GET /repos/{o}/{r}/issues`` lists it (pull requests have ``pull_request``)."""
    full_name, number = repo["full_name"], record["number"]
    api = f"{API_URL}/repos/{full_name}/issues/{number}"
    kind = "pull" if record["pull_request"] else "issues"
    issue_id = 1_000_000_000 + (repo["id"] * 31 + number) % 2_000_000_000
    body: dict[str, Any] = {
        "url": api,
        "repository_url": f"{API_URL}/repos/{full_name}",
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": f"{WEB_URL}/{full_name}/{kind}/{number}",
        "id": issue_id,
        "node_id": node_id("Issue", issue_id),
        "number": number,
        "title": record["title"],
        "user": simple_user(record["user"]),
        "labels": [label(repo, row) for row in record["labels"]],
        "state": record["state"],
        "locked": False,
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "comments": record["comments"],
        "created_at": record["created_at"],
        "updated_at": record["updated_at"],
        "closed_at": record["closed_at"],
        "author_association": "CONTRIBUTOR",
        "type": None,
        "active_lock_reason": None,
        "body": "(generated issue body)",
        "closed_by": None,
        "reactions": {
            "url": f"{api}/reactions",
            "total_count": 0,
            "+1": 0,
            "-1": 0,
            "laugh": 0,
            "hooray": 0,
            "confused": 0,
            "heart": 0,
            "rocket": 0,
            "eyes": 0,
        },
        "timeline_url": f"{api}/timeline",
        "performed_via_github_app": None,
        "state_reason": "completed" if record["state"] == "closed" else None,
    }
    if record["pull_request"]:
        pulls = f"{API_URL}/repos/{full_name}/pulls/{number}"
        html = f"{WEB_URL}/{full_name}/pull/{number}"
        body["draft"] = False
        body["pull_request"] = {
            "url": pulls,
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": record["closed_at"],
        }
    return body


def contributor(person: dict[str, Any]) -> dict[str, Any]:
    """``contributor``: a simple user plus ``contributions``."""
    return {**simple_user(person), "contributions": person["contributions"]}
