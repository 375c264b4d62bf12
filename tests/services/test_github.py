"""Unit tests for the simulated api.github.com (helpers/services/github.py)."""

from __future__ import annotations

import re
import time

import pytest

from helpers.services._common import queue_faults
from helpers.services.github import HOST, build_catalog, create_app

API = "https://api.github.com"
TOKEN = {"Authorization": "Bearer demo-github-token"}
NOVA_ID = 912345002
# The fields real-apis.md lists for a user, and the repository subset the simulator serves.
USER_FIELDS = {
    *("login", "id", "node_id", "avatar_url", "url", "html_url", "repos_url", "type"),
    *("site_admin", "name", "company", "blog", "location", "email", "hireable", "bio"),
    *("twitter_username", "public_repos", "public_gists", "followers", "following"),
    *("created_at", "updated_at"),
}
REPO_FIELDS = {
    *("id", "node_id", "name", "full_name", "private", "owner", "html_url", "description"),
    *("fork", "url", "created_at", "updated_at", "pushed_at", "homepage", "size"),
    *("stargazers_count", "watchers_count", "language", "forks_count", "open_issues_count"),
    *("license", "topics", "visibility", "default_branch"),
}
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
RATE_LIMIT_403 = (
    "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests "
    "get a higher rate limit. Check out the documentation for more details.)"
)
RATE_LIMIT_DOCS = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def links(response) -> dict[str, str]:
    """``{rel: url}`` from a Link header (what ``requests``' ``r.links`` gives)."""
    value = response.headers.get("Link")
    if value is None:
        return {}
    pairs = re.findall(r'<([^>]+)>; rel="(\w+)"', value)
    return {rel: url for url, rel in pairs}


def rels(response) -> list[str]:
    return re.findall(r'rel="(\w+)"', response.headers.get("Link", ""))


def local(url: str) -> str:
    assert url.startswith(API)
    return url[len(API) :]


# ---------------------------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------------------------


def test_host_and_fresh_apps():
    assert HOST == "api.github.com"
    first, second = create_app(), create_app()
    assert first is not second
    first.test_client().get("/users/octo-learner")
    assert second.test_client().get("/users/octo-learner").headers["x-ratelimit-used"] == "1"


def test_user_profile(client):
    r = client.get("/users/octo-learner")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    user = r.get_json()
    assert set(user) >= USER_FIELDS
    assert user["login"] == "octo-learner"
    assert user["id"] == 912345001
    assert user["type"] == "User"
    assert user["site_admin"] is False
    assert user["url"] == f"{API}/users/octo-learner"
    assert user["html_url"] == "https://github.com/octo-learner"
    assert user["repos_url"] == f"{API}/users/octo-learner/repos"
    assert user["public_repos"] == 12
    assert user["email"] is None
    assert user["name"] == "Octo Learner"
    assert ISO_Z.match(user["created_at"]) and ISO_Z.match(user["updated_at"])
    assert user["created_at"] == "2019-03-14T09:26:53Z"


def test_login_is_case_insensitive(client):
    r = client.get("/users/NOVA-Data")
    assert r.status_code == 200
    assert r.get_json()["login"] == "nova-data"
    assert r.get_json()["public_repos"] == 137


def test_quiet_user_has_null_fields(client):
    user = client.get("/users/quiet-quokka").get_json()
    assert user["public_repos"] == 0
    for name in ("name", "company", "location", "email", "hireable", "bio", "twitter_username"):
        assert user[name] is None, name
    assert user["blog"] == ""


def test_unknown_user_is_404(client):
    r = client.get("/users/no-such-person")
    assert r.status_code == 404
    body = r.get_json()
    assert body["message"] == "Not Found"
    assert body["status"] == "404"
    assert body["documentation_url"].startswith("https://docs.github.com/rest")
    assert r.headers["x-ratelimit-remaining"] == "59"
    assert "etag" not in r.headers


def test_user_by_id(client):
    assert client.get(f"/user/{NOVA_ID}").get_json()["login"] == "nova-data"
    assert client.get("/user/1").status_code == 404


def test_authenticated_user(client):
    r = client.get("/user", headers=TOKEN)
    assert r.status_code == 200
    body = r.get_json()
    assert body["login"] == "octo-learner"
    assert body["total_private_repos"] == 0
    assert r.headers["cache-control"].startswith("private")


def test_authenticated_user_requires_token(client):
    r = client.get("/user")
    assert r.status_code == 401
    body = r.get_json()
    assert body["message"] == "Requires authentication"
    assert body["status"] == "401"
    assert body["documentation_url"].startswith("https://docs.github.com/rest")


def test_single_repository(client):
    r = client.get("/repos/Octo-Learner/CSV-cleaner")
    assert r.status_code == 200
    assert r.get_json()["full_name"] == "octo-learner/csv-cleaner"
    assert client.get("/repos/octo-learner/nope").status_code == 404


# ---------------------------------------------------------------------------------------------
# Repository lists and pagination
# ---------------------------------------------------------------------------------------------


def test_octo_learner_repos(client):
    r = client.get("/users/octo-learner/repos")
    assert r.status_code == 200
    repos = r.get_json()
    assert isinstance(repos, list) and len(repos) == 12
    assert "Link" not in r.headers
    names = [repo["name"] for repo in repos]
    assert names == sorted(names)  # default sort=full_name, direction=asc
    assert names[0] == "api-pager"
    by_name = {repo["name"]: repo for repo in repos}
    assert by_name["dotfiles"]["description"] is None
    assert sum(repo["description"] is None for repo in repos) == 1
    assert by_name["csv-cleaner"]["language"] == "Python"
    assert by_name["sentiment-notebooks"]["language"] == "Jupyter Notebook"
    for repo in repos:
        assert set(repo) == REPO_FIELDS
        assert repo["private"] is False and repo["visibility"] == "public"
        assert repo["full_name"] == f"octo-learner/{repo['name']}"
        assert repo["url"] == f"{API}/repos/octo-learner/{repo['name']}"
        assert repo["html_url"] == f"https://github.com/octo-learner/{repo['name']}"
        assert repo["owner"] == {
            "login": "octo-learner",
            "id": 912345001,
            "type": "User",
            "url": f"{API}/users/octo-learner",
            "html_url": "https://github.com/octo-learner",
        }
        assert repo["watchers_count"] == repo["stargazers_count"]
        assert repo["license"] is None or set(repo["license"]) == {"key", "name", "spdx_id"}
        assert all(ISO_Z.match(repo[k]) for k in ("created_at", "updated_at", "pushed_at"))


def test_quiet_user_has_no_repos(client):
    r = client.get("/users/quiet-quokka/repos")
    assert r.status_code == 200
    assert r.get_json() == []
    assert "Link" not in r.headers


def test_repos_of_unknown_user_is_404(client):
    r = client.get("/users/no-such-person/repos")
    assert r.status_code == 404
    assert r.get_json()["message"] == "Not Found"


def test_link_header_first_page(client):
    r = client.get("/users/nova-data/repos")
    assert len(r.get_json()) == 30
    base = f"{API}/user/{NOVA_ID}/repos"
    assert r.headers["Link"] == (f'<{base}?page=2>; rel="next", <{base}?page=5>; rel="last"')


def test_link_header_middle_and_last_pages(client):
    r = client.get("/users/nova-data/repos?per_page=30&page=3")
    base = f"{API}/user/{NOVA_ID}/repos?per_page=30"
    assert r.headers["Link"] == (
        f'<{base}&page=2>; rel="prev", <{base}&page=4>; rel="next", '
        f'<{base}&page=5>; rel="last", <{base}&page=1>; rel="first"'
    )
    last = client.get("/users/nova-data/repos?per_page=30&page=5")
    assert len(last.get_json()) == 137 - 4 * 30
    assert rels(last) == ["prev", "first"]
    assert links(last)["prev"].endswith("page=4")


def test_page_beyond_last_is_empty(client):
    r = client.get("/users/nova-data/repos?page=6")
    assert r.status_code == 200
    assert r.get_json() == []
    assert "next" not in links(r)


def test_following_next_links_visits_every_repo(client):
    url, names, pages = "/users/nova-data/repos?per_page=30", [], 0
    while url and pages < 10:
        r = client.get(url)
        names += [repo["name"] for repo in r.get_json()]
        url = local(links(r)["next"]) if "next" in links(r) else None
        pages += 1
    assert pages == 5
    assert len(names) == len(set(names)) == 137


def test_per_page_100_and_clamping(client):
    r = client.get("/users/nova-data/repos?per_page=100")
    assert len(r.get_json()) == 100
    assert links(r)["last"].endswith("page=2")
    clamped = client.get("/users/nova-data/repos?per_page=500&page=2")
    assert len(clamped.get_json()) == 37
    assert rels(clamped) == ["prev", "first"]


def test_link_keeps_other_parameters(client):
    r = client.get("/users/nova-data/repos?sort=created&direction=asc")
    nxt = links(r)["next"]
    assert nxt == f"{API}/user/{NOVA_ID}/repos?sort=created&direction=asc&page=2"
    follow = client.get(local(nxt))
    assert follow.status_code == 200
    assert follow.get_json()[0]["created_at"] >= r.get_json()[-1]["created_at"]


def test_user_id_route_matches_username_route(client):
    by_name = client.get("/users/nova-data/repos?page=2").get_json()
    by_id = client.get(f"/user/{NOVA_ID}/repos?page=2").get_json()
    assert by_name == by_id
    assert client.get("/user/1/repos").status_code == 404


@pytest.mark.parametrize(
    ("query", "key", "descending"),
    [
        ("sort=created", "created_at", True),
        ("sort=updated", "updated_at", True),
        ("sort=pushed&direction=asc", "pushed_at", False),
        ("sort=full_name&direction=desc", "full_name", True),
    ],
)
def test_sorting(client, query, key, descending):
    repos = client.get(f"/users/octo-learner/repos?{query}").get_json()
    values = [repo[key] for repo in repos]
    assert values == sorted(values, reverse=descending)


@pytest.mark.parametrize("query", ["type=all", "type=owner"])
def test_type_all_and_owner(client, query):
    assert len(client.get(f"/users/octo-learner/repos?{query}").get_json()) == 12


def test_type_member_is_empty(client):
    assert client.get("/users/octo-learner/repos?type=member").get_json() == []


@pytest.mark.parametrize("name", ["sort", "direction", "type"])
def test_invalid_list_parameter_is_422(client, name):
    r = client.get(f"/users/octo-learner/repos?{name}=stars")
    assert r.status_code == 422
    body = r.get_json()
    assert body["message"] == "Validation Failed"
    assert body["status"] == "422"
    assert body["errors"] == [{"resource": "Repository", "field": name, "code": "invalid"}]


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------


def search(client, query: str, **kwargs):
    return client.get(f"/search/repositories?{query}", **kwargs)


def test_search_shape(client):
    r = search(client, "q=forecast")
    assert r.status_code == 200
    body = r.get_json()
    assert set(body) == {"total_count", "incomplete_results", "items"}
    assert body["incomplete_results"] is False
    assert body["total_count"] == len(body["items"]) > 1
    for item in body["items"]:
        text = f"{item['name']} {item['description']} {' '.join(item['topics'])}".lower()
        assert "forecast" in text
        assert isinstance(item["score"], float)
    assert r.headers["x-ratelimit-resource"] == "search"
    assert r.headers["x-ratelimit-limit"] == "10"


def test_search_user_and_language_qualifiers(client):
    body = search(client, 'q=user:octo-learner language:"Jupyter Notebook"').get_json()
    names = {item["name"] for item in body["items"]}
    assert names == {"sentiment-notebooks", "bike-demand-forecast"}
    python = search(client, "q=user:octo-learner language:python").get_json()
    assert python["total_count"] == 7
    assert all(item["language"] == "Python" for item in python["items"])


def test_search_words_topics_and_stars(client):
    body = search(client, "q=pagination user:octo-learner").get_json()
    assert [item["name"] for item in body["items"]] == ["api-pager"]
    topic = search(client, "q=topic:nlp").get_json()
    assert [item["name"] for item in topic["items"]] == ["sentiment-notebooks"]
    stars = search(client, "q=user:nova-data stars:>100&per_page=100").get_json()
    assert stars["total_count"] >= 1
    assert all(item["stargazers_count"] > 100 for item in stars["items"])
    anywhere = search(client, "q=forecast user:octo-learner").get_json()
    assert {item["name"] for item in anywhere["items"]} == {
        "bike-demand-forecast",
        "weather-dashboard",  # "...charts hourly weather forecasts..."
    }
    in_name = search(client, "q=forecast in:name user:octo-learner").get_json()
    assert [item["name"] for item in in_name["items"]] == ["bike-demand-forecast"]


def test_search_all_repos_of_a_user(client):
    assert search(client, "q=user:nova-data").get_json()["total_count"] == 137


@pytest.mark.parametrize(("order", "descending"), [("desc", True), ("asc", False)])
def test_search_sort_by_stars(client, order, descending):
    items = search(client, f"q=user:nova-data&sort=stars&order={order}").get_json()["items"]
    stars = [item["stargazers_count"] for item in items]
    assert stars == sorted(stars, reverse=descending)


def test_search_pagination_links(client):
    r = search(client, "q=user:nova-data&per_page=50&page=2")
    assert len(r.get_json()["items"]) == 50
    assert rels(r) == ["prev", "next", "last", "first"]
    assert links(r)["last"] == f"{API}/search/repositories?q=user%3Anova-data&per_page=50&page=3"
    assert rels(search(client, "q=user:octo-learner")) == []


def test_search_past_1000_results_is_422(client):
    r = search(client, "q=data&per_page=100&page=11")
    assert r.status_code == 422
    assert r.get_json()["message"] == "Only the first 1000 search results are available"


@pytest.mark.parametrize("query", ["", "q=", "q=%20%20"])
def test_search_without_q_is_422(client, query):
    r = search(client, query)
    assert r.status_code == 422
    body = r.get_json()
    assert body["message"] == "Validation Failed"
    assert body["errors"] == [{"resource": "Search", "field": "q", "code": "missing"}]
    assert body["status"] == "422"
    assert body["documentation_url"] == "https://docs.github.com/v3/search"


def test_search_unknown_user_is_422(client):
    r = search(client, "q=user:no-such-person")
    assert r.status_code == 422
    assert r.get_json()["errors"][0]["code"] == "invalid"


@pytest.mark.parametrize("query", ["q=x&sort=name", "q=x&order=up"])
def test_search_invalid_sort_or_order_is_422(client, query):
    assert search(client, query).status_code == 422


# ---------------------------------------------------------------------------------------------
# Headers, rate limits, conditional requests
# ---------------------------------------------------------------------------------------------


def test_common_headers_on_every_response(client):
    for path in ("/users/octo-learner", "/nope", "/search/repositories"):
        r = client.get(path)
        assert r.headers["x-github-api-version-selected"] == "2022-11-28"
        assert r.headers["Content-Type"] == "application/json; charset=utf-8"
        assert re.match(
            r"^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$",
            r.headers["x-github-request-id"],
        )
        for name in ("limit", "remaining", "used", "reset", "resource"):
            assert f"x-ratelimit-{name}" in r.headers


def test_request_ids_are_deterministic_and_distinct():
    def ids():
        client = create_app().test_client()
        return [client.get("/users/octo-learner").headers["x-github-request-id"] for _ in range(3)]

    first = ids()
    assert first == ids()
    assert len(set(first)) == 3


def test_remaining_decreases_and_reset_is_fixed(client):
    before = int(time.time())
    app = create_app()
    client = app.test_client()
    after = int(time.time())
    resets = set()
    for n in range(1, 4):
        r = client.get("/users/octo-learner")
        assert r.headers["x-ratelimit-limit"] == "60"
        assert r.headers["x-ratelimit-used"] == str(n)
        assert r.headers["x-ratelimit-remaining"] == str(60 - n)
        assert r.headers["x-ratelimit-resource"] == "core"
        resets.add(int(r.headers["x-ratelimit-reset"]))
    assert len(resets) == 1
    assert before + 3600 <= resets.pop() <= after + 3600


def test_unauthenticated_limit_exhausted_is_403(client):
    for _ in range(59):
        client.get("/users/octo-learner")
    last_ok = client.get("/users/octo-learner")
    assert last_ok.status_code == 200
    assert last_ok.headers["x-ratelimit-remaining"] == "0"
    r = client.get("/users/octo-learner")
    assert r.status_code == 403
    assert r.get_json() == {
        "message": RATE_LIMIT_403,
        "documentation_url": RATE_LIMIT_DOCS,
        "status": "403",
    }
    assert r.headers["x-ratelimit-remaining"] == "0"
    assert r.headers["x-ratelimit-used"] == "60"
    assert "retry-after" not in r.headers
    # The token has its own, larger budget.
    authed = client.get("/users/octo-learner", headers=TOKEN)
    assert authed.status_code == 200
    assert authed.headers["x-ratelimit-limit"] == "5000"


def test_search_has_its_own_counter(client):
    client.get("/users/octo-learner")
    for n in range(1, 11):
        r = search(client, "q=data")
        assert r.status_code == 200
        assert r.headers["x-ratelimit-remaining"] == str(10 - n)
    r = search(client, "q=data")
    assert r.status_code == 403
    assert r.headers["x-ratelimit-resource"] == "search"
    core = client.get("/users/octo-learner")
    assert core.status_code == 200
    assert core.headers["x-ratelimit-used"] == "2"
    assert search(client, "q=data", headers=TOKEN).headers["x-ratelimit-limit"] == "30"


def test_authenticated_limit_exhausted_is_429(app, client):
    app.extensions["github"].use("core", 4999, token="demo-github-token")
    ok = client.get("/users/octo-learner", headers=TOKEN)
    assert ok.status_code == 200
    assert ok.headers["x-ratelimit-remaining"] == "0"
    r = client.get("/users/octo-learner", headers=TOKEN)
    assert r.status_code == 429
    body = r.get_json()
    assert body["message"].startswith("API rate limit exceeded for user ID 912345001.")
    assert r.headers["x-github-request-id"] in body["message"]
    assert body["status"] == "429"
    assert r.headers["x-ratelimit-remaining"] == "0"
    assert r.headers["x-ratelimit-limit"] == "5000"
    assert "retry-after" not in r.headers
    assert client.get("/users/octo-learner").status_code == 200  # anonymous budget untouched


def test_etag_and_304_is_free_with_a_token(client):
    auth = {"Authorization": "Bearer demo-github-token"}
    first = client.get("/users/octo-learner", headers=auth)
    etag = first.headers["etag"]
    assert re.match(r'^W/"[0-9a-f]{40}"$', etag)
    assert first.headers["x-ratelimit-remaining"] == "4999"
    again = client.get("/users/octo-learner", headers={"If-None-Match": etag, **auth})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["etag"] == etag
    assert again.headers["x-ratelimit-remaining"] == "4999"
    strong = client.get("/users/octo-learner", headers={"If-None-Match": etag[2:], **auth})
    assert strong.status_code == 304
    other = client.get("/users/octo-learner", headers={"If-None-Match": 'W/"abc"', **auth})
    assert other.status_code == 200
    assert other.headers["x-ratelimit-remaining"] == "4998"


def test_anonymous_304_counts_like_on_github(client):
    etag = client.get("/users/octo-learner").headers["etag"]
    again = client.get("/users/octo-learner", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["x-ratelimit-remaining"] == "58"


def test_etag_is_stable_across_apps_and_changes_with_body(client):
    etag = client.get("/users/octo-learner").headers["etag"]
    assert create_app().test_client().get("/users/octo-learner").headers["etag"] == etag
    assert client.get("/users/nova-data").headers["etag"] != etag


def test_rate_limit_endpoint_is_free(client):
    client.get("/users/octo-learner")
    r = client.get("/rate_limit")
    assert r.status_code == 200
    body = r.get_json()
    assert body["rate"]["used"] == 1 and body["rate"]["remaining"] == 59
    assert body["resources"]["search"]["limit"] == 10
    assert r.headers["x-ratelimit-used"] == "1"
    assert client.get("/rate_limit", headers=TOKEN).get_json()["rate"]["limit"] == 5000


# ---------------------------------------------------------------------------------------------
# Authentication, errors, faults
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Bearer demo-github-token", "token demo-github-token"])
def test_demo_token_is_accepted(client, header):
    r = client.get("/users/octo-learner", headers={"Authorization": header})
    assert r.status_code == 200
    assert r.headers["x-ratelimit-limit"] == "5000"
    assert r.headers["x-ratelimit-remaining"] == "4999"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ghp_0123456789abcdefghijklmnopqrstuvwxyz",
        "Bearer github_pat_11ABCDEFG",
        "Bearer None",
        "Bearer ",
        "Basic b2N0bzpwYXNzd29yZA==",
    ],
)
def test_other_credentials_are_401(client, header):
    r = client.get("/users/octo-learner", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.get_json() == {
        "message": "Bad credentials",
        "documentation_url": "https://docs.github.com/rest",
        "status": "401",
    }
    assert r.headers["x-ratelimit-limit"] == "60"


def test_unknown_path_is_404(client):
    r = client.get("/no/such/endpoint")
    assert r.status_code == 404
    assert r.get_json() == {
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest",
        "status": "404",
    }
    assert r.headers["x-ratelimit-used"] == "1"


def test_wrong_method_is_405(client):
    r = client.post("/users/octo-learner", json={})
    assert r.status_code == 405
    body = r.get_json()
    assert body["message"] == "Method Not Allowed"
    assert body["status"] == "405"
    assert "GET" in r.headers["Allow"]


def test_head_request(client):
    r = client.head("/users/octo-learner")
    assert r.status_code == 200
    assert r.data == b""
    assert r.headers["etag"].startswith('W/"')


def test_api_version_header(client):
    ok = client.get("/users/octo-learner", headers={"X-GitHub-Api-Version": "2022-11-28"})
    assert ok.status_code == 200
    r = client.get("/users/octo-learner", headers={"X-GitHub-Api-Version": "2020-01-01"})
    assert r.status_code == 400
    assert r.get_json()["message"].startswith("Unsupported 'X-GitHub-Api-Version' header")


@pytest.mark.parametrize(
    ("status", "message"),
    [(500, "Server Error"), (502, "Server Error"), (503, "Service Unavailable")],
)
def test_injected_faults_use_github_bodies(app, client, status, message):
    queue_faults(app, status, times=2)
    for _ in range(2):
        r = client.get("/users/octo-learner")
        assert r.status_code == status
        assert r.get_json() == {
            "message": message,
            "documentation_url": "https://docs.github.com/rest",
            "status": str(status),
        }
        assert r.headers["x-github-api-version-selected"] == "2022-11-28"
        assert "x-ratelimit-remaining" in r.headers
    assert client.get("/users/octo-learner").status_code == 200


def test_catalog_is_deterministic():
    first, second = build_catalog(), build_catalog()
    assert first == second
    assert len(first.repos["nova-data"]) == 137
    assert len(first.all_repos()) == 149


def test_nothing_on_stderr(client, capfd):
    client.get("/nope")
    client.post("/users/octo-learner")
    client.get("/users/octo-learner/repos?sort=bad")
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""
