"""Unit tests for the simulated api.github.com (helpers/services/github/): objects and lists."""

from __future__ import annotations

import re

import pytest

from helpers.services._common import queue_faults
from helpers.services.github import HOST, SNAPSHOT_DATE, build_catalog, create_app

API = "https://api.github.com"
TOKEN = {"Authorization": "Bearer demo-github-token"}
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
# Key sets of GitHub's OpenAPI schemas (descriptions/api.github.com, version 2022-11-28).
SIMPLE_USER = {
    *("login", "id", "node_id", "avatar_url", "gravatar_id", "url", "html_url"),
    *("followers_url", "following_url", "gists_url", "starred_url", "subscriptions_url"),
    *("organizations_url", "repos_url", "events_url", "received_events_url", "type"),
    *("site_admin", "user_view_type"),
}
PUBLIC_USER = SIMPLE_USER | {
    *("name", "company", "blog", "location", "email", "hireable", "bio", "twitter_username"),
    *("public_repos", "public_gists", "followers", "following", "created_at", "updated_at"),
}
ORGANIZATION = {
    *("login", "id", "node_id", "url", "repos_url", "events_url", "hooks_url", "issues_url"),
    *("members_url", "public_members_url", "avatar_url", "description", "name", "company"),
    *("blog", "location", "email", "twitter_username", "is_verified"),
    *("has_organization_projects", "has_repository_projects", "public_repos", "public_gists"),
    *("followers", "following", "html_url", "created_at", "updated_at", "archived_at", "type"),
}
REPOSITORY = {
    *("id", "node_id", "name", "full_name", "private", "owner", "html_url", "description"),
    *("fork", "url", "forks_url", "keys_url", "collaborators_url", "teams_url", "hooks_url"),
    *("issue_events_url", "events_url", "assignees_url", "branches_url", "tags_url"),
    *("blobs_url", "git_tags_url", "git_refs_url", "trees_url", "statuses_url"),
    *("languages_url", "stargazers_url", "contributors_url", "subscribers_url"),
    *("subscription_url", "commits_url", "git_commits_url", "comments_url"),
    *("issue_comment_url", "contents_url", "compare_url", "merges_url", "archive_url"),
    *("downloads_url", "issues_url", "pulls_url", "milestones_url", "notifications_url"),
    *("labels_url", "releases_url", "deployments_url", "created_at", "updated_at"),
    *("pushed_at", "git_url", "ssh_url", "clone_url", "svn_url", "homepage", "size"),
    *("stargazers_count", "watchers_count", "language", "has_issues", "has_projects"),
    *("has_downloads", "has_wiki", "has_pages", "has_discussions", "forks_count"),
    *("mirror_url", "archived", "disabled", "open_issues_count", "license", "allow_forking"),
    *("is_template", "web_commit_signoff_required", "topics", "visibility", "forks"),
    *("has_pull_requests", "pull_request_creation_policy"),
    *("open_issues", "watchers", "default_branch"),
}
FULL_REPOSITORY = REPOSITORY | {
    "temp_clone_token",
    "custom_properties",
    "network_count",
    "subscribers_count",
}
ISSUE = {
    *("url", "repository_url", "labels_url", "comments_url", "events_url", "html_url", "id"),
    *("node_id", "number", "title", "user", "labels", "state", "locked", "assignee"),
    *("assignees", "milestone", "comments", "created_at", "updated_at", "closed_at"),
    *("author_association", "body", "reactions", "timeline_url", "state_reason"),
}
OCTOCAT_REPOS = [
    "Hello-World",
    "Spoon-Knife",
    "boysenberry-repo-1",
    "git-consortium",
    "hello-worId",
    "linguist",
    "octocat.github.io",
    "test-repo1",
]


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def links(response) -> dict[str, str]:
    """``{rel: url}`` from a Link header (what ``requests``' ``r.links`` gives)."""
    pairs = re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))
    return {rel: url for url, rel in pairs}


def local(url: str) -> str:
    assert url.startswith(API)
    return url[len(API) :]


# ---------------------------------------------------------------------------------------------
# The data: real accounts, dated, with provenance
# ---------------------------------------------------------------------------------------------


def test_snapshot_is_dated_and_has_no_fictional_accounts():
    assert HOST == "api.github.com"
    assert SNAPSHOT_DATE == "2026-12-01"
    catalog = build_catalog()
    for login in ("octo-learner", "nova-data", "quiet-quokka"):
        assert catalog.account(login) is None
    for login in (
        "octocat",
        "torvalds",
        "gvanrossum",
        "github",
        "psf",
        "python",
        "pallets",
        "getsentry",
        "jupyterlab",
        "anthropics",
    ):
        assert catalog.account(login) is not None, login


def test_data_files_state_snapshot_and_provenance():
    from helpers.services.github.data import load

    for name in ("accounts.json", "repos.json", "meta.json"):
        data = load(name)
        assert data["snapshot_date"] == "2026-12-01"
        assert data["provenance"]
    assert "stargazers_count" in load("repos.json")["estimated_fields"]
    assert "generated" in load("repos.json")["provenance"]


# ---------------------------------------------------------------------------------------------
# Root, zen, octocat
# ---------------------------------------------------------------------------------------------


def test_api_root_lists_url_templates(client):
    r = client.get("/")
    assert r.status_code == 200
    body = r.get_json()
    assert body["user_url"] == f"{API}/users/{{user}}"
    assert body["repository_url"] == f"{API}/repos/{{owner}}/{{repo}}"
    assert body["rate_limit_url"] == f"{API}/rate_limit"
    assert "authorizations_url" in body


def test_zen_is_plain_text_and_deterministic():
    first = [create_app().test_client().get("/zen") for _ in range(2)]
    assert first[0].headers["Content-Type"].startswith("text/plain")
    assert first[0].get_data(as_text=True) == first[1].get_data(as_text=True)
    client = create_app().test_client()
    texts = {client.get("/zen").get_data(as_text=True) for _ in range(3)}
    assert len(texts) == 3 and all(text.endswith(".") for text in texts)


def test_octocat_art(client):
    r = client.get("/octocat?s=Hello requests")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/octocat-stream"
    assert "Hello requests" in r.get_data(as_text=True)


# ---------------------------------------------------------------------------------------------
# Users and organisations
# ---------------------------------------------------------------------------------------------


def test_octocat_is_the_real_user(client):
    r = client.get("/users/octocat")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    user = r.get_json()
    assert set(user) == PUBLIC_USER
    assert user["id"] == 583231
    assert user["node_id"] == "MDQ6VXNlcjU4MzIzMQ=="
    assert user["name"] == "The Octocat"
    assert user["created_at"] == "2011-01-25T18:44:36Z"
    assert user["public_repos"] == 8
    assert user["type"] == "User" and user["site_admin"] is False
    assert user["email"] is None and user["bio"] is None and user["hireable"] is None
    assert ISO_Z.match(user["updated_at"])


def test_login_is_case_insensitive_and_ids_resolve(client):
    assert client.get("/users/OctoCat").get_json()["login"] == "octocat"
    assert client.get("/user/583231").get_json()["login"] == "octocat"
    assert client.get("/user/1").status_code == 404


def test_organisation_as_user_and_as_org(client):
    as_user = client.get("/users/github").get_json()
    assert set(as_user) == PUBLIC_USER and as_user["type"] == "Organization"
    org = client.get("/orgs/github").get_json()
    assert set(org) == ORGANIZATION
    assert org["id"] == 9919 and org["node_id"] == "MDEyOk9yZ2FuaXphdGlvbjk5MTk="
    assert client.get("/orgs/octocat").status_code == 404  # a user is not an organisation


def test_unknown_user_is_404_with_github_body(client):
    r = client.get("/users/octo-learner")
    assert r.status_code == 404
    body = r.get_json()
    assert body["message"] == "Not Found" and body["status"] == "404"
    assert body["documentation_url"].startswith("https://docs.github.com/rest")
    assert r.headers["x-ratelimit-remaining"] == "59"
    assert "etag" not in r.headers


def test_authenticated_user_is_octocat(client):
    r = client.get("/user", headers=TOKEN)
    assert r.status_code == 200
    body = r.get_json()
    assert body["login"] == "octocat"
    assert {"private_gists", "total_private_repos", "plan", "two_factor_authentication"} <= set(
        body
    )
    assert r.headers["cache-control"].startswith("private")
    r = client.get("/user")
    assert r.status_code == 401 and r.get_json()["message"] == "Requires authentication"


# ---------------------------------------------------------------------------------------------
# Repositories
# ---------------------------------------------------------------------------------------------


def test_hello_world_is_the_real_repository(client):
    r = client.get("/repos/octocat/Hello-World")
    assert r.status_code == 200
    repo = r.get_json()
    assert set(repo) == FULL_REPOSITORY
    assert len(repo) >= 80
    assert repo["id"] == 1296269
    assert repo["node_id"] == "MDEwOlJlcG9zaXRvcnkxMjk2MjY5"
    assert repo["description"] == "My first repository on GitHub!"
    assert repo["created_at"] == "2011-01-26T19:01:12Z"
    assert repo["owner"] == client.get("/repos/octocat/Spoon-Knife").get_json()["owner"]
    assert set(repo["owner"]) == SIMPLE_USER


def test_org_repository_has_license_and_organization(client):
    repo = client.get("/repos/psf/requests").get_json()
    assert repo["id"] == 1362490
    assert repo["license"]["spdx_id"] == "Apache-2.0"
    assert repo["owner"]["type"] == "Organization"
    assert repo["organization"]["login"] == "psf"
    assert client.get("/repos/octocat/Hello-World").get_json()["license"] is None


def test_octocat_repos_are_the_real_eight(client):
    r = client.get("/users/octocat/repos")
    assert r.status_code == 200
    assert "Link" not in r.headers
    repos = r.get_json()
    assert [repo["name"] for repo in repos] == sorted(OCTOCAT_REPOS, key=str.lower)
    assert all(set(repo) == REPOSITORY for repo in repos)


def test_list_and_single_repository_agree(client):
    listed = {repo["name"]: repo for repo in client.get("/users/octocat/repos").get_json()}
    single = client.get("/repos/octocat/Spoon-Knife").get_json()
    assert {k: single[k] for k in REPOSITORY} == listed["Spoon-Knife"]


def test_unknown_repository_is_404(client):
    assert client.get("/repos/octocat/no-such-repo").status_code == 404
    assert client.get("/users/no-such-person-here/repos").status_code == 404


def test_org_repos_pages_and_links(client):
    first = client.get("/orgs/python/repos")
    assert first.status_code == 200 and len(first.get_json()) == 30
    rels = links(first)
    assert list(rels) == ["next", "last"]
    assert rels["next"] == f"{API}/organizations/1525981/repos?page=2"
    last = client.get(local(rels["last"]))
    assert list(links(last)) == ["prev", "first"]
    total = client.get("/orgs/python").get_json()["public_repos"]
    assert len(first.get_json()) + len(last.get_json()) == total
    assert client.get("/orgs/python/repos?page=9").get_json() == []


def test_user_repos_link_keeps_parameters_and_middle_page(client):
    r = client.get("/users/python/repos?per_page=10&sort=created&page=2")
    rels = links(r)
    assert list(rels) == ["prev", "next", "last", "first"]
    assert rels["next"] == f"{API}/user/1525981/repos?per_page=10&sort=created&page=3"
    everything = client.get("/users/python/repos?per_page=500").get_json()
    assert len(everything) == client.get("/users/python").get_json()["public_repos"]  # cap 100


@pytest.mark.parametrize(
    ("query", "key", "descending"),
    [
        ("", "full_name", False),
        ("?sort=created", "created_at", True),
        ("?sort=pushed&direction=asc", "pushed_at", False),
        ("?sort=updated", "updated_at", True),
    ],
)
def test_repo_sorting(client, query, key, descending):
    values = [repo[key].lower() for repo in client.get(f"/users/octocat/repos{query}").get_json()]
    assert values == sorted(values, reverse=descending)


@pytest.mark.parametrize("name", ["type", "sort", "direction"])
def test_invalid_list_parameter_is_422(client, name):
    r = client.get(f"/users/octocat/repos?{name}=bogus")
    assert r.status_code == 422
    body = r.get_json()
    assert body["message"] == "Validation Failed"
    assert body["errors"] == [{"resource": "Repository", "field": name, "code": "invalid"}]


def test_org_repo_types(client):
    forks = client.get("/users/octocat/repos?type=member").get_json()
    assert forks == []
    sources = client.get("/orgs/python/repos?type=sources&per_page=100").get_json()
    assert sources and not any(repo["fork"] for repo in sources)


# ---------------------------------------------------------------------------------------------
# Issues, contributors, stargazers
# ---------------------------------------------------------------------------------------------


def test_issues_include_pull_requests(client):
    r = client.get("/repos/psf/requests/issues?per_page=100")
    assert r.status_code == 200
    items = r.get_json()
    assert all(set(item) >= ISSUE for item in items)
    assert all(item["state"] == "open" for item in items)
    pulls = [item for item in items if "pull_request" in item]
    assert pulls and len(pulls) < len(items)
    assert set(pulls[0]["pull_request"]) == {
        "url",
        "html_url",
        "diff_url",
        "patch_url",
        "merged_at",
    }
    created = [item["created_at"] for item in items]
    assert created == sorted(created, reverse=True)


def test_issue_filters(client):
    closed = client.get("/repos/psf/requests/issues?state=closed&per_page=100").get_json()
    assert closed and all(item["state"] == "closed" for item in closed)
    bugs = client.get("/repos/psf/requests/issues?state=all&labels=bug").get_json()
    assert bugs and all("bug" in [label["name"] for label in item["labels"]] for item in bugs)
    assert client.get("/repos/psf/requests/issues?state=bogus").status_code == 422
    assert client.get("/repos/torvalds/linux/issues").status_code == 410


def test_contributors_most_first(client):
    r = client.get("/repos/pallets/flask/contributors")
    people = r.get_json()
    assert len(people) == 30 and "next" in links(r)
    assert set(people[0]) == SIMPLE_USER | {"contributions"}
    counts = [person["contributions"] for person in people]
    assert counts == sorted(counts, reverse=True)


def test_stargazers_page_over_thousands_and_are_capped(client):
    r = client.get("/repos/psf/requests/stargazers?per_page=100")
    assert r.status_code == 200 and len(r.get_json()) == 100
    assert links(r)["last"].endswith("per_page=100&page=400")  # GitHub stops at 40,000
    assert client.get("/repos/psf/requests/stargazers?per_page=100&page=400").status_code == 200
    past = client.get("/repos/psf/requests/stargazers?per_page=100&page=401")
    assert past.status_code == 422
    assert past.get_json()["message"].startswith("In order to keep the API fast")
    starred = client.get(
        "/repos/psf/requests/stargazers",
        headers={"Accept": "application/vnd.github.star+json"},
    ).get_json()
    assert set(starred[0]) == {"starred_at", "user"}
    assert starred[0]["starred_at"] < starred[1]["starred_at"]  # oldest star first
    small = client.get("/repos/octocat/boysenberry-repo-1/stargazers?per_page=100&page=4")
    assert len(small.get_json()) == 90 and "next" not in links(small)


# ---------------------------------------------------------------------------------------------
# Faults, methods, stderr
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"), [(500, "Server Error"), (503, "Service Unavailable")]
)
def test_injected_faults_use_github_bodies(app, client, status, message):
    queue_faults(app, status, times=2)
    for _ in range(2):
        r = client.get("/users/octocat")
        assert r.status_code == status
        assert r.get_json() == {
            "message": message,
            "documentation_url": "https://docs.github.com/rest",
            "status": str(status),
        }
    assert client.get("/users/octocat").status_code == 200


def test_unsupported_method_is_github_404_not_405(client):
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/users/octocat")
        assert r.status_code == 404, method
        assert r.get_json()["message"] == "Not Found"
        assert "Allow" not in r.headers


def test_head_request(client):
    r = client.head("/users/octocat")
    assert r.status_code == 200 and r.data == b""


def test_nothing_on_stderr(client, capfd):
    client.get("/users/nobody-here")
    client.post("/zen")
    assert capfd.readouterr().err == ""


def test_link_headers_of_repository_lists_lead_to_the_next_page():
    """GitHub's Link headers point to /repositories/{id}/...: following them walks every page."""
    import requests

    from helpers.simulator import simulate, stop

    simulate(quiet=True)
    try:
        url = "https://api.github.com/repos/psf/requests/issues?per_page=30"
        pages, numbers = 0, set()
        while url and pages < 50:
            r = requests.get(url, headers={"Authorization": "Bearer demo-github-token"}, timeout=5)
            r.raise_for_status()
            numbers.update(issue["number"] for issue in r.json())
            pages += 1
            url = r.links.get("next", {}).get("url")
        assert pages > 2 and url is None
        repo = requests.get("https://api.github.com/repos/psf/requests", timeout=5).json()
        by_id = requests.get(f"https://api.github.com/repositories/{repo['id']}", timeout=5)
        assert by_id.status_code == 200 and by_id.json()["full_name"] == "psf/requests"
        missing = requests.get("https://api.github.com/repositories/1", timeout=5)
        assert missing.status_code == 404
    finally:
        stop()


def test_docs_search_example_finds_assembly_tetris_with_full_owner(client):
    """GitHub's docs example q=tetris+language:assembly: real repositories, stars descending."""
    r = client.get("/search/repositories?q=tetris+language:assembly&sort=stars&order=desc")
    items = r.get_json()["items"]
    assert [item["full_name"] for item in items] == ["daniel-e/tetros", "dtrupenn/Tetris"]
    tetris = items[1]
    assert tetris["id"] == 3081286 and tetris["owner"]["id"] == 872147
    assert tetris["node_id"] == "MDEwOlJlcG9zaXRvcnkzMDgxMjg2"
    assert tetris["owner"]["node_id"] == "MDQ6VXNlcjg3MjE0Nw=="
    owner = client.get("/users/dtrupenn")
    assert owner.status_code == 200 and set(owner.get_json()) >= SIMPLE_USER
    assert owner.get_json()["public_repos"] == 1


def test_issue_lists_agree_with_open_issues_count(client):
    """Spoon-Knife's thousands of open issues, paged on demand: count, rel=last, pages agree."""
    repo = client.get("/repos/octocat/Spoon-Knife").get_json()
    r = client.get("/repos/octocat/Spoon-Knife/issues?per_page=100")
    last = int(links(r)["last"].rsplit("page=", 1)[1])
    assert last == -(-repo["open_issues_count"] // 100)
    tail = client.get(f"/repos/octocat/Spoon-Knife/issues?per_page=100&page={last}").get_json()
    assert len(tail) == repo["open_issues_count"] - (last - 1) * 100
    assert all(item["state"] == "open" for item in r.get_json() + tail)
    numbers = [item["number"] for item in r.get_json()]
    assert numbers == sorted(numbers, reverse=True)
    assert client.get(f"/repos/octocat/Spoon-Knife/issues?per_page=100&page={last + 1}").json == []


def test_issue_numbers_split_exactly_into_open_and_closed():
    from helpers.services.github import issues

    repo = build_catalog().repo("psf", "requests")
    opened, closed = issues.counts(repo)
    seen = {}
    for state in ("open", "closed"):
        numbers = list(issues.Numbers(state, opened, opened + closed, ascending=True))
        assert len(set(numbers)) == len(numbers) == {"open": opened, "closed": closed}[state]
        assert all(issues.record(repo, n)["state"] == state for n in numbers)
        seen[state] = set(numbers)
    assert seen["open"] | seen["closed"] == set(range(1, opened + closed + 1))


def test_issues_sorted_by_updated_with_labels(client):
    r = client.get("/repos/octocat/Spoon-Knife/issues?state=all&labels=bug&sort=updated&page=3")
    items = r.get_json()
    assert len(items) == 30 and all("bug" in [x["name"] for x in item["labels"]] for item in items)
    updated = [item["updated_at"] for item in items]
    assert updated == sorted(updated, reverse=True)
    assert "last" in links(r)


# ---------------------------------------------------------------------------------------------
# Events (generated)
# ---------------------------------------------------------------------------------------------

EVENT = {"id", "type", "actor", "repo", "payload", "public", "created_at"}
EVENT_TYPES = {"PushEvent", "WatchEvent", "CreateEvent", "PullRequestEvent", "IssuesEvent"}


def test_public_events_timeline(client):
    r = client.get("/events")
    assert r.status_code == 200 and r.headers["X-Poll-Interval"] == "60"
    events = r.get_json()
    assert len(events) == 30 and all(set(event) >= EVENT for event in events)
    assert {event["type"] for event in events} >= EVENT_TYPES
    assert all(isinstance(event["id"], str) and event["public"] for event in events)
    assert set(events[0]["actor"]) == {
        *("id", "login", "display_login", "gravatar_id", "url", "avatar_url"),
    }
    assert set(events[0]["repo"]) == {"id", "name", "url"}
    assert all(
        "org" in e
        for e in events
        if build_catalog().account(e["repo"]["name"].split("/")[0])["type"] == "Organization"
    )
    times = [event["created_at"] for event in events]
    assert times == sorted(times, reverse=True) and times[0] < "2026-12-01T05:55:01Z"
    pushes = [event["payload"] for event in events if event["type"] == "PushEvent"]
    assert set(pushes[0]) == {"repository_id", "push_id", "ref", "head", "before"}
    assert links(r)["last"].endswith("page=10")  # at most 300 events
    assert client.get("/events?per_page=100&page=3").headers.get("Link", "").count("last") == 0
    assert client.get("/events?page=11").status_code == 422
    again = client.get("/events", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.headers["X-Poll-Interval"] == "60"
    assert client.get("/events").get_json() == events  # deterministic


def test_scoped_event_timelines(client):
    mine = client.get("/users/octocat/events/public").get_json()
    assert mine and all(event["actor"]["login"] == "octocat" for event in mine)
    assert client.get("/users/octocat/events").get_json() == mine
    repo = client.get("/repos/psf/requests/events").get_json()
    assert repo and all(event["repo"]["name"] == "psf/requests" for event in repo)
    assert all(event["org"]["login"] == "psf" for event in repo)
    org = client.get("/orgs/pallets/events").get_json()
    assert org and all(event["repo"]["name"].startswith("pallets/") for event in org)
    for path in ("/users/nobody-here/events", "/repos/psf/nope/events", "/orgs/octocat/events"):
        assert client.get(path).status_code == 404
