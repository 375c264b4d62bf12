"""Simulated api.github.com: headers, rate limits, conditional requests, versions, search."""

from __future__ import annotations

import re

import pytest

from helpers.services.github import create_app

API = "https://api.github.com"
TOKEN = {"Authorization": "Bearer demo-github-token"}
RATE_LIMIT_403 = (
    "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests "
    "get a higher rate limit. Check out the documentation for more details.)"
)


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def links(response) -> dict[str, str]:
    pairs = re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))
    return {rel: url for url, rel in pairs}


# ---------------------------------------------------------------------------------------------
# Headers and rate limits
# ---------------------------------------------------------------------------------------------


def test_common_headers(client):
    r = client.get("/users/octocat")
    for name in (
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-used",
        "x-ratelimit-reset",
        "x-ratelimit-resource",
        "x-github-request-id",
        "x-github-api-version-selected",
        "etag",
        "last-modified",
        "cache-control",
    ):
        assert name in r.headers, name
    assert r.headers["x-ratelimit-limit"] == "60"
    assert r.headers["x-ratelimit-remaining"] == "59"
    assert r.headers["x-ratelimit-resource"] == "core"
    assert r.headers["x-github-api-version-selected"] == "2022-11-28"
    assert r.headers["etag"].startswith('W/"')
    assert r.headers["last-modified"].endswith(" GMT")
    assert client.get("/users/octocat", headers=TOKEN).headers["x-ratelimit-limit"] == "5000"


def test_anonymous_limit_exhausted_is_403(app, client):
    app.extensions["github"].use("core", 59)
    assert client.get("/users/octocat").status_code == 200
    r = client.get("/users/octocat")
    assert r.status_code == 403
    assert r.get_json()["message"] == RATE_LIMIT_403
    assert r.headers["x-ratelimit-remaining"] == "0"
    assert "retry-after" not in r.headers


def test_token_limit_exhausted_is_429(app, client):
    app.extensions["github"].use("core", 5000, token="demo-github-token")
    r = client.get("/users/octocat", headers=TOKEN)
    assert r.status_code == 429
    assert r.get_json()["message"].startswith("API rate limit exceeded for user ID 583231.")


def test_search_has_its_own_limit(client):
    r = client.get("/search/repositories?q=flask")
    assert r.headers["x-ratelimit-resource"] == "search"
    assert r.headers["x-ratelimit-limit"] == "10"
    assert r.headers["x-ratelimit-remaining"] == "9"
    assert client.get("/search/users?q=octocat", headers=TOKEN).headers["x-ratelimit-limit"] == "30"
    for _ in range(9):
        client.get("/search/users?q=octocat")
    assert client.get("/search/repositories?q=flask").status_code == 403
    assert client.get("/users/octocat").headers["x-ratelimit-remaining"] == "59"


def test_rate_limit_endpoint_is_free_and_versioned(client):
    client.get("/users/octocat")
    r = client.get("/rate_limit")
    body = r.get_json()
    assert {"core", "search", "graphql", "integration_manifest"} <= set(body["resources"])
    assert body["resources"]["core"]["used"] == 1
    assert body["rate"] == body["resources"]["core"]
    assert set(body["rate"]) == {"limit", "used", "remaining", "reset"}
    assert client.get("/rate_limit").get_json()["resources"]["core"]["used"] == 1
    new = client.get("/rate_limit", headers={"X-GitHub-Api-Version": "2026-03-10"}).get_json()
    assert "rate" not in new and "core" in new["resources"]


# ---------------------------------------------------------------------------------------------
# Conditional requests
# ---------------------------------------------------------------------------------------------


def test_etag_304_free_with_token_counted_anonymous(client):
    r = client.get("/repos/octocat/Hello-World", headers=TOKEN)
    again = client.get(
        "/repos/octocat/Hello-World", headers={**TOKEN, "If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304 and again.data == b""
    assert again.headers["x-ratelimit-used"] == "1"
    anonymous = client.get("/repos/octocat/Hello-World")
    repeat = client.get(
        "/repos/octocat/Hello-World", headers={"If-None-Match": anonymous.headers["etag"]}
    )
    assert repeat.status_code == 304
    assert repeat.headers["x-ratelimit-used"] == "2"


def test_if_modified_since(client):
    r = client.get("/users/octocat")
    stamp = r.headers["last-modified"]
    same = client.get("/users/octocat", headers={"If-Modified-Since": stamp})
    assert same.status_code == 304
    long_ago = {"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}
    older = client.get("/users/octocat", headers=long_ago)
    assert older.status_code == 200
    repo = client.get("/repos/psf/requests")
    assert (
        client.get(
            "/repos/psf/requests", headers={"If-Modified-Since": repo.headers["last-modified"]}
        ).status_code
        == 304
    )


# ---------------------------------------------------------------------------------------------
# Auth and versions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Bearer demo-github-token", "token demo-github-token"])
def test_demo_token_accepted(client, header):
    assert client.get("/user", headers={"Authorization": header}).status_code == 200


@pytest.mark.parametrize("header", ["Bearer None", "Bearer ghp_" + "x" * 36, "Basic abc", ""])
def test_bad_credentials(client, header):
    r = client.get("/users/octocat", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.get_json() == {
        "message": "Bad credentials",
        "documentation_url": "https://docs.github.com/rest",
        "status": "401",
    }


def test_versions(client):
    old = client.get("/repos/octocat/Hello-World", headers={"X-GitHub-Api-Version": "2022-11-28"})
    assert "has_downloads" in old.get_json()
    new = client.get("/repos/octocat/Hello-World", headers={"X-GitHub-Api-Version": "2026-03-10"})
    assert new.headers["x-github-api-version-selected"] == "2026-03-10"
    assert "has_downloads" not in new.get_json()
    listed = client.get("/users/octocat/repos", headers={"X-GitHub-Api-Version": "2026-03-10"})
    assert all("has_downloads" not in repo for repo in listed.get_json())
    root = client.get("/", headers={"X-GitHub-Api-Version": "2026-03-10"}).get_json()
    assert "authorizations_url" not in root
    bad = client.get("/users/octocat", headers={"X-GitHub-Api-Version": "2023-01-01"})
    assert bad.status_code == 400
    assert bad.get_json()["message"].startswith(
        "Unsupported 'X-GitHub-Api-Version' header: 2023-01-01."
    )
    assert "2022-11-28" in bad.get_json()["message"] and "2026-03-10" in bad.get_json()["message"]


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------


def names(response) -> list[str]:
    return [item["full_name"] for item in response.get_json()["items"]]


def test_search_shape_and_common_queries(client):
    r = client.get("/search/repositories?q=requests")
    body = r.get_json()
    assert set(body) == {"total_count", "incomplete_results", "items"}
    assert body["incomplete_results"] is False
    assert body["items"][0]["full_name"] == "psf/requests"
    assert "score" in body["items"][0]
    assert body["total_count"] > len(body["items"])  # snapshot estimate of GitHub's total
    python = client.get("/search/repositories?q=python").get_json()
    assert python["items"] and python["total_count"] >= 1_000_000


def test_search_language_and_stars(client):
    r = client.get("/search/repositories?q=language:python stars:>1000&sort=stars")
    items = r.get_json()["items"]
    assert items[0]["full_name"] == "python/cpython"
    assert all(item["language"] == "Python" and item["stargazers_count"] > 1000 for item in items)
    stars = [item["stargazers_count"] for item in items]
    assert stars == sorted(stars, reverse=True)
    ranged = client.get("/search/repositories?q=stars:10000..20000").get_json()["items"]
    assert ranged and all(10000 <= item["stargazers_count"] <= 20000 for item in ranged)
    at_least = client.get("/search/repositories?q=stars:>=70800").get_json()["items"]
    assert {item["full_name"] for item in at_least} >= {"pallets/flask", "python/cpython"}


def test_search_user_org_and_in(client):
    assert set(names(client.get("/search/repositories?q=user:octocat&per_page=100"))) == {
        f"octocat/{name}"
        for name in (
            "Hello-World",
            "Spoon-Knife",
            "boysenberry-repo-1",
            "git-consortium",
            "hello-worId",
            "linguist",
            "octocat.github.io",
            "test-repo1",
        )
    }
    pallets = names(client.get("/search/repositories?q=org:pallets&sort=stars"))
    assert pallets[0] == "pallets/flask"
    described = client.get("/search/repositories?q=template in:description").get_json()["items"]
    assert "pallets/jinja" in [item["full_name"] for item in described]
    assert all("template" in item["description"].lower() for item in described)
    assert names(client.get("/search/repositories?q=template in:name")) == []
    r = client.get("/search/repositories?q=user:octo-learner")
    assert r.status_code == 422


def test_search_pagination_and_limits(client):
    r = client.get("/search/repositories?q=python&per_page=5")
    assert list(links(r)) == ["next", "last"]
    assert links(r)["next"] == f"{API}/search/repositories?q=python&per_page=5&page=2"
    assert client.get("/search/repositories?q=python&page=35").status_code == 422
    assert client.get("/search/repositories").status_code == 422
    assert client.get("/search/repositories?q=x&sort=bogus").status_code == 422


def test_search_users(client):
    body = client.get("/search/users?q=octocat").get_json()
    assert body["items"][0]["login"] == "octocat"
    orgs = client.get("/search/users?q=type:org&sort=followers").get_json()["items"]
    assert orgs and all(item["type"] == "Organization" for item in orgs)
    assert orgs[0]["login"] == "github"
    people = client.get("/search/users?q=followers:>20000 type:user").get_json()["items"]
    assert {item["login"] for item in people} == {"octocat", "torvalds", "gvanrossum"}
