"""The views. Every object comes from :mod:`.objects`; every list through :mod:`.paging`."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request

from . import events, issues, objects, search
from .data import Catalog, contributors, load, stargazer
from .errors import (
    DOCS_URL,
    SEARCH_DOCS_URL,
    error_response,
    invalid_param,
    json_response,
    not_found,
    validation_failed,
)
from .objects import API_URL
from .paging import paginate, paging, set_link
from .ratelimit import ANONYMOUS, GitHubState, current_identity, set_last_modified
from .versions import current_version

REPOS_DOCS = f"{DOCS_URL}/repos/repos#list-repositories-for-a-user"
ORG_REPOS_DOCS = f"{DOCS_URL}/repos/repos#list-organization-repositories"
ISSUES_DOCS = f"{DOCS_URL}/issues/issues#list-repository-issues"
USER_REPO_TYPES = ("all", "owner", "member")
ORG_REPO_TYPES = ("all", "public", "private", "forks", "sources", "member")
REPO_SORTS = ("created", "updated", "pushed", "full_name")
DIRECTIONS = ("asc", "desc")
# GitHub serves at most 40,000 stargazers of a repository through REST paging (400 pages of
# 100): later pages -> 422 "pagination is limited for this resource"; rel="last" stops there.
STARGAZER_CAP = 40_000
OCTOCAT_ART = r"""
               MMM.           .MMM
               MMMMMMMMMMMMMMMMMMM
               MMMMMMMMMMMMMMMMMMM      ____________________________
              MMMMMMMMMMMMMMMMMMMMM    |                            |
             MMMMMMMMMMMMMMMMMMMMMMM   | {text:<26} |
            MMMMMMMMMMMMMMMMMMMMMMMM   |_   ________________________|
            MMMM::- -:::::::- -::MMMM    |/
             MM~:~ 00~:::::~ 00~:~MM
        .. MMMMM::.00:::+:::.00::MMMMM ..
              .MM::::: ._. :::::MM.
                 MMMM;:::::;MMMM
          -MM        MMMMMMM
          ^  M+     MMMMMMMMM
              MMMMMMM MM MM MM
                   MM MM MM MM
                   MM MM MM MM
                .~~MM~MM~MM~MM~~.
             ~~~~MM:~MM~~~MM~:MM~~~~
            ~~~~~~==~==~~~==~==~~~~~~
             ~~~~~~==~==~==~==~~~~~~
                 :~==~==~==~==~~
"""


def install(app: Flask, catalog: Catalog, state: GitHubState) -> None:
    def repo_json(repo: dict[str, Any], full: bool = False) -> dict[str, Any]:
        owner = catalog.accounts[repo["owner"].lower()]
        return objects.repository(repo, owner, current_version(), full)

    @app.get("/")
    def root() -> Response:
        index = dict(load("meta.json")["api_index"])
        if current_version() >= "2026-03-10":
            del index["authorizations_url"]
        return json_response(index)

    @app.get("/zen")
    def zen() -> Response:
        sentences = load("meta.json")["zen"]
        number = state.zen.next()
        sentence = sentences[(number - 1) % len(sentences)]
        return Response(sentence, content_type="text/plain;charset=utf-8")

    @app.get("/octocat")
    def octocat() -> Response:
        text = request.args.get("s") or load("meta.json")["zen"][0]
        art = OCTOCAT_ART.format(text=text[:26])
        return Response(art, content_type="application/octocat-stream")

    @app.get("/users/<username>")
    def get_user(username: str) -> Response:
        account = catalog.account(username)
        if account is None:
            return not_found("users/users#get-a-user")
        set_last_modified(account["updated_at"])
        return json_response(objects.public_user(account))

    @app.get("/user/<int:user_id>")
    def get_user_by_id(user_id: int) -> Response:
        login = catalog.by_id.get(user_id)
        if login is None:
            return not_found("users/users#get-a-user-using-their-id")
        return get_user(login)

    @app.get("/user")
    def authenticated_user() -> Response:
        if current_identity() == ANONYMOUS:
            docs = f"{DOCS_URL}/users/users#get-the-authenticated-user"
            return error_response(401, "Requires authentication", docs)
        account = catalog.accounts["octocat"]
        set_last_modified(account["updated_at"])
        return json_response(objects.private_user(account))

    @app.get("/orgs/<org>")
    def get_org(org: str) -> Response:
        account = catalog.account(org)
        if account is None or account["type"] != "Organization":
            return not_found("orgs/orgs#get-an-organization")
        set_last_modified(account["updated_at"])
        return json_response(objects.organization(account))

    @app.get("/users/<username>/repos")
    def user_repos(username: str) -> Response:
        account = catalog.account(username)
        if account is None:
            return not_found("repos/repos#list-repositories-for-a-user")
        return list_repos(account, USER_REPO_TYPES, "owner", REPOS_DOCS)

    @app.get("/user/<int:user_id>/repos")
    def user_repos_by_id(user_id: int) -> Response:
        login = catalog.by_id.get(user_id)
        return user_repos(login) if login else not_found("repos/repos")

    @app.get("/orgs/<org>/repos")
    def org_repos(org: str) -> Response:
        account = catalog.account(org)
        if account is None or account["type"] != "Organization":
            return not_found("repos/repos#list-organization-repositories")
        return list_repos(account, ORG_REPO_TYPES, "all", ORG_REPOS_DOCS)

    @app.get("/organizations/<int:org_id>/repos")
    def org_repos_by_id(org_id: int) -> Response:
        login = catalog.by_id.get(org_id)
        return org_repos(login) if login else not_found("repos/repos")

    def list_repos(
        account: dict[str, Any], types: tuple[str, ...], default_type: str, docs: str
    ) -> Response:
        repo_type = request.args.get("type", default_type)
        sort = request.args.get("sort", "full_name")
        direction = request.args.get("direction", "asc" if sort == "full_name" else "desc")
        for name, value, allowed in (
            ("type", repo_type, types),
            ("sort", sort, REPO_SORTS),
            ("direction", direction, DIRECTIONS),
        ):
            if value not in allowed:
                return invalid_param("Repository", name, docs)
        repos = list(catalog.repos[account["login"].lower()])
        if repo_type in ("member", "private"):
            repos = []
        elif repo_type == "forks":
            repos = [repo for repo in repos if repo["fork"]]
        elif repo_type == "sources":
            repos = [repo for repo in repos if not repo["fork"]]
        key = "full_name" if sort == "full_name" else f"{sort}_at"
        repos.sort(key=lambda repo: repo[key].lower(), reverse=direction == "desc")
        if account["type"] == "Organization" and request.path.startswith("/orgs/"):
            base = f"{API_URL}/organizations/{account['id']}/repos"
        else:
            base = f"{API_URL}/user/{account['id']}/repos"
        return paginate(repos, base, repo_json)

    def find_repo(owner: str, name: str) -> dict[str, Any] | None:
        return catalog.repo(owner, name)

    @app.get("/repos/<owner>/<name>")
    def get_repo(owner: str, name: str) -> Response:
        repo = find_repo(owner, name)
        if repo is None:
            return not_found("repos/repos#get-a-repository")
        set_last_modified(max(repo["pushed_at"], repo["updated_at"]))
        return json_response(repo_json(repo, full=True))

    @app.get("/repos/<owner>/<name>/issues")
    def repo_issues(owner: str, name: str) -> Response:
        repo = find_repo(owner, name)
        if repo is None:
            return not_found("issues/issues#list-repository-issues")
        if not repo.get("has_issues", True):
            return error_response(410, "Issues are disabled for this repo", ISSUES_DOCS)
        state_arg = request.args.get("state", "open")
        sort = request.args.get("sort", "created")
        direction = request.args.get("direction", "desc")
        for field, value, allowed in (
            ("state", state_arg, ("open", "closed", "all")),
            ("sort", sort, ("created", "updated", "comments")),
            ("direction", direction, DIRECTIONS),
        ):
            if value not in allowed:
                return invalid_param("Issue", field, ISSUES_DOCS)
        wanted = {label.strip().lower() for label in request.args.get("labels", "").split(",")}
        wanted.discard("")
        numbers = issues.listing(repo, state_arg, frozenset(wanted), sort, direction)
        base = f"{API_URL}/repositories/{repo['id']}/issues"
        return paginate(
            [],
            base,
            lambda number: objects.issue(repo, issues.record(repo, number)),
            total=len(numbers),
            item_at=numbers.__getitem__,
        )

    @app.get("/repos/<owner>/<name>/contributors")
    def repo_contributors(owner: str, name: str) -> Response:
        repo = find_repo(owner, name)
        if repo is None:
            return not_found("repos/repos#list-repository-contributors")
        people = contributors(repo)
        base = f"{API_URL}/repositories/{repo['id']}/contributors"
        return paginate(people, base, objects.contributor)

    @app.get("/repos/<owner>/<name>/stargazers")
    def repo_stargazers(owner: str, name: str) -> Response:
        repo = find_repo(owner, name)
        if repo is None:
            return not_found("activity/starring#list-stargazers")
        base = f"{API_URL}/repositories/{repo['id']}/stargazers"
        shape = objects.simple_user
        if "star+json" in request.headers.get("Accept", ""):  # with the time of each star

            def shape(person: dict[str, Any]) -> dict[str, Any]:
                return {"starred_at": person["starred_at"], "user": objects.simple_user(person)}

        return paginate(
            [],
            base,
            shape,
            total=repo["stargazers_count"],
            item_at=lambda index: stargazer(repo, index),
            max_items=STARGAZER_CAP,
        )

    # GitHub's Link headers for a repository's lists point to its id-based twin paths.
    id_routes = (
        ("", get_repo),
        ("/issues", repo_issues),
        ("/contributors", repo_contributors),
        ("/stargazers", repo_stargazers),
    )
    for suffix, view in id_routes:

        def by_id(repo_id: int, _view: Any = view) -> Response:
            repo = catalog.repo_by_id(repo_id)
            if repo is None:
                return not_found("repos/repos#get-a-repository")
            return _view(repo["owner"], repo["name"])

        app.add_url_rule(
            f"/repositories/<int:repo_id>{suffix}",
            f"repository_by_id{suffix}",
            by_id,
            methods=["GET"],
        )

    events.install(app, catalog)
    install_search(app, catalog, repo_json)
    install_rate_limit(app, state)


def search_params(sorts: tuple[str, ...]) -> tuple[str, str | None, str] | Response:
    q = request.args.get("q", "").strip()
    if not q:
        errors = [{"resource": "Search", "field": "q", "code": "missing"}]
        return validation_failed(errors, SEARCH_DOCS_URL)
    sort = request.args.get("sort")
    order = request.args.get("order", "desc")
    if sort is not None and sort not in sorts:
        return invalid_param("Search", "sort", SEARCH_DOCS_URL)
    if order not in DIRECTIONS:
        return invalid_param("Search", "order", SEARCH_DOCS_URL)
    page, per_page = paging()
    if (page - 1) * per_page >= search.MAX_RESULTS:
        message = "Only the first 1000 search results are available"
        return error_response(422, message, SEARCH_DOCS_URL)
    return q, sort, order


def search_body(q: str, ranked: list[tuple[float, Any]], shape: Any, base: str) -> Response:
    page, per_page = paging()
    start = (page - 1) * per_page
    chunk = ranked[start : start + per_page]
    items = [{**shape(item), "score": round(score, 3)} for score, item in chunk]
    estimates = {}
    if base.endswith("repositories"):
        estimates = load("repos.json")["search_total_estimates"]
    body = {
        "total_count": search.estimated_total(q, len(ranked), estimates),
        "incomplete_results": False,
        "items": items,
    }
    response = json_response(body)
    last = -(-min(len(ranked), search.MAX_RESULTS) // per_page)
    set_link(response, base, page, last)
    return response


def install_search(app: Flask, catalog: Catalog, repo_json: Any) -> None:
    def unknown_owner(query: search.Query) -> bool:
        return any(catalog.account(login) is None for login in query.owners)

    def cannot_search() -> Response:
        message = (
            "The listed users and repositories cannot be searched either because the resources "
            "do not exist or you do not have permission to view them."
        )
        error = {"message": message, "resource": "Search", "field": "q", "code": "invalid"}
        return validation_failed([error], SEARCH_DOCS_URL)

    @app.get("/search/repositories")
    def search_repositories() -> Response:
        params = search_params(search.REPO_SORTS)
        if isinstance(params, Response):
            return params
        q, sort, order = params
        query = search.parse(q)
        if unknown_owner(query):
            return cannot_search()
        ranked = search.search_repos(catalog.all_repos(), query, sort, order)
        return search_body(q, ranked, repo_json, f"{API_URL}/search/repositories")

    @app.get("/search/users")
    def search_users() -> Response:
        params = search_params(search.USER_SORTS)
        if isinstance(params, Response):
            return params
        q, sort, order = params
        query = search.parse(q)
        ranked = search.search_users(list(catalog.accounts.values()), query, sort, order)
        return search_body(q, ranked, objects.simple_user, f"{API_URL}/search/users")


def install_rate_limit(app: Flask, state: GitHubState) -> None:
    @app.get("/rate_limit")
    def rate_limit() -> Response:
        identity = current_identity()
        authenticated = identity != ANONYMOUS
        resources = {}
        limits = load("meta.json")["rate_limit_resources"]
        for resource, (anonymous_limit, token_limit) in limits.items():
            if resource in ("core", "search"):
                bucket = state.bucket(identity, resource)
                limit, used, reset = bucket.limit, bucket.used, bucket.reset
            else:
                limit = token_limit if authenticated else anonymous_limit
                used, reset = 0, state.bucket(identity, "core").reset
            resources[resource] = {
                "limit": limit,
                "used": used,
                "remaining": limit - used,
                "reset": reset,
            }
        body: dict[str, Any] = {"resources": resources}
        if current_version() < "2026-03-10":
            body["rate"] = {**resources["core"]}
        return json_response(body)
