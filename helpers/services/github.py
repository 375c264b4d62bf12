"""Simulated ``api.github.com`` (REST API version 2022-11-28), as a Flask app factory.

``create_app()`` returns a new app with new state (rate-limit counters, request ids) every time.
All data is fictional and generated deterministically: the same request gives the same body in
every run. Responses imitate the real API: paths, status codes, headers and body shapes.

Endpoints (base URL ``https://api.github.com``; only ``GET``/``HEAD``, other methods get 405):

* ``GET /users/{username}`` - a user profile (login is case-insensitive); unknown user -> 404.
* ``GET /users/{username}/repos`` - a JSON *list* of repositories. Query: ``type``
  (``owner`` default, ``all``, ``member``: always ``[]``), ``sort`` (``full_name`` default,
  ``created``, ``updated``, ``pushed``), ``direction`` (``asc`` default for ``full_name``, else
  ``desc``), ``per_page`` (default 30, values above 100 count as 100), ``page`` (default 1; past
  the last page -> ``200 []``). An invalid ``type``/``sort``/``direction`` -> 422 Validation
  Failed. A ``Link`` header only when there is more than one page; its URLs use GitHub's
  ``https://api.github.com/user/{id}/repos?...&page=N`` form and keep the other query parameters
  as sent (``per_page`` appears only if you sent it). Page 1: ``next``, ``last``; middle pages:
  ``prev``, ``next``, ``last``, ``first``; last page: ``prev``, ``first``.
* ``GET /user/{id}/repos`` - the same, by numeric user id (what the ``Link`` URLs point at).
* ``GET /user/{id}`` - a user profile by numeric id.
* ``GET /repos/{owner}/{repo}`` - one repository object.
* ``GET /user`` - the authenticated user (``octo-learner``); 401 "Requires authentication"
  without a token.
* ``GET /search/repositories?q=...`` - ``{"total_count", "incomplete_results": false, "items"}``
  over every fictional repository. ``q`` holds words matched (case-insensitive, all of them) in
  name, description and topics, plus qualifiers ``user:LOGIN``, ``language:X`` (quote names with
  spaces: ``language:"Jupyter Notebook"``), ``topic:X``, ``stars:>N`` (also ``>=``, ``<``, ``<=``,
  ``N``, ``N..M``) and ``in:name``/``in:description``/``in:topics``. ``sort`` is ``stars``,
  ``forks``, ``help-wanted-issues`` or ``updated`` (default: best match), ``order`` ``desc``
  (default) or ``asc``; ``per_page``/``page`` and ``Link`` as above. Missing ``q`` -> 422 with
  ``errors: [{"resource": "Search", "field": "q", "code": "missing"}]``; unknown ``user:`` -> 422;
  invalid ``sort``/``order`` -> 422; like GitHub, only the first 1000 results are reachable
  (a page past them -> 422).
* ``GET /rate_limit`` - current limits (``resources.core``, ``resources.search``, ``rate``);
  free: it does not count against any limit.
* Anything else -> 404 ``{"message": "Not Found", "documentation_url": ..., "status": "404"}``.

Fictional users (ids are far above real GitHub ids):

* ``octo-learner`` (id 912345001): 12 public repos on data, ML, web and tooling with one-line
  descriptions (``dotfiles`` has ``description: null``). Also the token's user.
* ``nova-data`` (id 912345002): 137 public repos: 5 pages at ``per_page=30``, 2 at 100.
* ``quiet-quokka`` (id 912345003): 0 repos; ``name``, ``company``, ``location``, ``email``,
  ``hireable``, ``bio``, ``twitter_username`` are null and ``blog`` is ``""`` (as on GitHub).

Authentication: optional ``Authorization: Bearer demo-github-token`` (or ``token ...``).
``demo-github-token`` is the course's obviously fake demo token and the only valid one. Any other
value (including real-looking ``ghp_...`` tokens, ``Bearer None`` and other schemes) -> 401
``{"message": "Bad credentials", ...}``. A request with ``X-GitHub-Api-Version`` other than
``2022-11-28`` -> 400.

Rate limits (separate counters per identity: unauthenticated, or the token; separate counters
for ``core`` and ``search``):

* ``core``: 60 requests unauthenticated, 5000 with the token; ``search`` (``/search/...``):
  10 unauthenticated, 30 with the token. ``x-ratelimit-resource`` says which one applies.
* Every response (errors included) has ``x-ratelimit-limit``, ``x-ratelimit-remaining``,
  ``x-ratelimit-used``, ``x-ratelimit-reset`` (the app's creation time + 3600 s, epoch seconds,
  fixed for the app's life: no reset ever happens), ``x-ratelimit-resource``,
  ``x-github-api-version-selected: 2022-11-28`` and a deterministic ``x-github-request-id``.
* Each request counts, errors included (a bad token counts against the unauthenticated
  counter), except ``304 Not Modified`` answers to authenticated requests (as on GitHub, an
  anonymous 304 counts), ``/rate_limit`` and rejected requests.
* Once ``remaining`` is 0 the next request gets 403 (unauthenticated; message "API rate limit
  exceeded for 127.0.0.1. (But here's the good news: ...)") or 429 (with the token; message
  "API rate limit exceeded for user ID 912345001. ..."), with ``x-ratelimit-remaining: 0`` and no
  ``retry-after`` (GitHub sends none for primary limits).
* ``app.extensions["github"].use(resource, n, token=None)`` spends ``n`` requests at once, to
  show exhaustion without making 60 calls.

Conditional requests: every 200 has a weak ``etag`` (``W/"..."``) and ``cache-control``;
sending it back in ``If-None-Match`` gives ``304`` with an empty body, which is free when the
request carries a valid token (anonymous 304s count, as on GitHub).

Failures can be queued with :func:`helpers.services._common.queue_faults`; they carry GitHub's
error bodies (e.g. 500 ``{"message": "Server Error", ...}``).
"""

from __future__ import annotations

import base64
import calendar
import json
import logging
import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from ._common import Counter, etag_for, install_faults

HOST = "api.github.com"
API_URL = f"https://{HOST}"
WEB_URL = "https://github.com"
API_VERSION = "2022-11-28"
DEMO_TOKEN = "demo-github-token"
DOCS_URL = "https://docs.github.com/rest"
SEARCH_DOCS_URL = "https://docs.github.com/v3/search"
REPOS_DOCS_URL = "https://docs.github.com/rest/repos/repos#list-repositories-for-a-user"
RATE_LIMIT_DOCS_URL = (
    "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"
)
JSON_TYPE = "application/json; charset=utf-8"

LIMITS = {  # (resource, authenticated) -> requests per window
    ("core", False): 60,
    ("core", True): 5000,
    ("search", False): 10,
    ("search", True): 30,
}
RESET_AFTER_SECONDS = 3600
DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 100
MAX_SEARCH_RESULTS = 1000
ANONYMOUS = "anonymous"

REPO_SORTS = ("created", "updated", "pushed", "full_name")
REPO_TYPES = ("all", "owner", "member")
SEARCH_SORTS = ("stars", "forks", "help-wanted-issues", "updated")
DIRECTIONS = ("asc", "desc")

ERROR_MESSAGES = {
    400: "Bad Request",
    401: "Bad credentials",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Validation Failed",
    429: (
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
    ),
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
    504: (
        "We couldn't respond to your request in time. Sorry about that. Please try resubmitting "
        "your request and contact us if the problem persists."
    ),
}

# --------------------------------------------------------------------------------------------
# Fictional data
# --------------------------------------------------------------------------------------------

LICENSES = {
    "mit": ("MIT License", "MIT"),
    "apache-2.0": ("Apache License 2.0", "Apache-2.0"),
    "bsd-3-clause": ('BSD 3-Clause "New" or "Revised" License', "BSD-3-Clause"),
    "gpl-3.0": ("GNU General Public License v3.0", "GPL-3.0"),
}

USERS = (
    {
        "login": "octo-learner",
        "id": 912345001,
        "name": "Octo Learner",
        "company": "@example-labs",
        "blog": "https://octo-learner.example.com",
        "location": "Lisbon, Portugal",
        "email": None,
        "hireable": True,
        "bio": "Learning to call web APIs from Python, one notebook at a time.",
        "twitter_username": None,
        "public_gists": 3,
        "followers": 42,
        "following": 17,
        "created_at": "2019-03-14T09:26:53Z",
        "updated_at": "2025-11-02T18:04:11Z",
    },
    {
        "login": "nova-data",
        "id": 912345002,
        "name": "Nova Lindqvist",
        "company": "Brightwater Analytics",
        "blog": "https://nova-data.example.org",
        "location": "Toronto, Canada",
        "email": "nova@nova-data.example.org",
        "hireable": None,
        "bio": "Data engineer. Pipelines, dashboards and far too many notebooks.",
        "twitter_username": None,
        "public_gists": 28,
        "followers": 1312,
        "following": 64,
        "created_at": "2014-07-21T15:02:37Z",
        "updated_at": "2025-10-28T07:51:46Z",
    },
    {
        "login": "quiet-quokka",
        "id": 912345003,
        "name": None,
        "company": None,
        "blog": "",
        "location": None,
        "email": None,
        "hireable": None,
        "bio": None,
        "twitter_username": None,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "created_at": "2023-09-05T12:00:41Z",
        "updated_at": "2023-09-05T12:00:41Z",
    },
)

# octo-learner's repositories: (name, description, language, topics, license key)
OCTO_REPOS = (
    (
        "csv-cleaner",
        "Command-line tool that normalises messy CSV exports: encodings, delimiters and dates.",
        "Python",
        ["cli", "csv", "data-cleaning"],
        "mit",
    ),
    (
        "sentiment-notebooks",
        "Notebooks comparing lexicon-based and transformer sentiment models on product reviews.",
        "Jupyter Notebook",
        ["nlp", "sentiment-analysis", "transformers"],
        "mit",
    ),
    (
        "weather-dashboard",
        "Small Flask dashboard that charts hourly weather forecasts for saved cities.",
        "Python",
        ["flask", "dashboard", "weather"],
        "apache-2.0",
    ),
    ("dotfiles", None, "Shell", [], None),
    (
        "houseplant-classifier",
        "Fine-tunes a small vision model to recognise houseplant species from photos.",
        "Python",
        ["computer-vision", "pytorch", "image-classification"],
        "mit",
    ),
    (
        "api-pager",
        "Tiny helper that walks paginated REST APIs by following Link headers.",
        "Python",
        ["http", "pagination", "requests"],
        "mit",
    ),
    (
        "recipe-scraper",
        "Collects recipes from public sites into SQLite, politely and with caching.",
        "Python",
        ["web-scraping", "sqlite"],
        None,
    ),
    (
        "portfolio-site",
        "Personal portfolio website built with Astro and deployed to GitHub Pages.",
        "TypeScript",
        ["website", "astro", "portfolio"],
        "mit",
    ),
    (
        "bike-demand-forecast",
        "Time-series forecasting of bike-share demand with Prophet and LightGBM.",
        "Jupyter Notebook",
        ["time-series", "forecasting", "machine-learning"],
        "bsd-3-clause",
    ),
    (
        "notebook-hooks",
        "Pre-commit hooks that lint Jupyter notebooks and strip outputs before each commit.",
        "Python",
        ["pre-commit", "linting", "jupyter"],
        "mit",
    ),
    (
        "sql-window-drills",
        "Solutions to SQL window-function exercises, with a Docker Postgres to run them.",
        "PLpgSQL",
        ["sql", "postgresql", "exercises"],
        None,
    ),
    (
        "todo-api",
        "Minimal REST API for to-do items with FastAPI, tests and an OpenAPI spec.",
        "Python",
        ["fastapi", "rest-api", "openapi"],
        "apache-2.0",
    ),
)

# nova-data's repositories are "<subject>-<kind>" combinations.
NOVA_SUBJECTS = (
    "sales",
    "churn",
    "sensor",
    "taxi",
    "energy",
    "retail",
    "air-quality",
    "weather",
    "census",
    "traffic",
    "housing",
    "flight",
    "clinic",
    "soil",
    "ocean",
    "library",
)
NOVA_KINDS = {  # kind -> (description template, languages, topics)
    "etl": ("ETL job that loads {s} data into a Postgres warehouse.", ("Python", "SQL"), ["etl"]),
    "dashboard": (
        "Interactive dashboard for {s} metrics.",
        ("Python", "TypeScript"),
        ["dashboard"],
    ),
    "forecast": ("Forecasting models for {s} time series.", ("Python", "R"), ["forecasting"]),
    "pipeline": ("Airflow pipeline that refreshes {s} datasets nightly.", ("Python",), ["airflow"]),
    "eda": ("Exploratory data analysis of {s} records.", ("Jupyter Notebook", "R"), ["eda"]),
    "model": ("Gradient-boosted model that predicts {s} outcomes.", ("Python",), ["xgboost"]),
    "api": ("REST API serving cleaned {s} data.", ("Go", "Python"), ["rest-api"]),
    "loader": ("Fast loader for raw {s} files (CSV and Parquet).", ("Rust", "Python"), ["parquet"]),
    "report": ("Weekly {s} report generated with Quarto.", ("R", "Jupyter Notebook"), ["quarto"]),
    "features": ("Feature engineering library for {s} data.", ("Python", "Scala"), ["features"]),
}
NOVA_REPO_COUNT = 137


def _node_id(kind: str, number: int) -> str:
    """GitHub's legacy global node id: base64 of ``"<len>:<Type><id>"``."""
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


PROFILE_FIELDS = (
    "name",
    "company",
    "blog",
    "location",
    "email",
    "hireable",
    "bio",
    "twitter_username",
)
COUNT_FIELDS = ("public_gists", "followers", "following", "created_at", "updated_at")
PRIVATE_PROFILE = {  # extra fields of GET /user (the authenticated user)
    "private_gists": 0,
    "total_private_repos": 0,
    "owned_private_repos": 0,
    "disk_usage": 8421,
    "collaborators": 0,
    "two_factor_authentication": True,
}


def _user_object(user: dict[str, Any], public_repos: int) -> dict[str, Any]:
    login = user["login"]
    api = f"{API_URL}/users/{login}"
    return {
        "login": login,
        "id": user["id"],
        "node_id": _node_id("User", user["id"]),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{user['id']}?v=4",
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
        "type": "User",
        "user_view_type": "public",
        "site_admin": False,
        **{key: user[key] for key in PROFILE_FIELDS},
        "public_repos": public_repos,
        **{key: user[key] for key in COUNT_FIELDS},
    }


def _owner_object(user: dict[str, Any]) -> dict[str, Any]:
    login = user["login"]
    return {
        "login": login,
        "id": user["id"],
        "type": "User",
        "url": f"{API_URL}/users/{login}",
        "html_url": f"{WEB_URL}/{login}",
    }


@dataclass(frozen=True)
class RepoSpec:
    name: str
    description: str | None
    language: str | None
    topics: list[str]
    license: str | None


def _repo_object(
    rng: random.Random, repo_id: int, owner: dict[str, Any], spec: RepoSpec, earliest: float
) -> dict[str, Any]:
    """A repository object with plausible, seeded numbers; created after ``earliest`` (epoch)."""
    created = rng.uniform(earliest, 1_704_067_200)  # .. 2024-01-01
    updated = created + rng.uniform(86_400, 4e7)  # at most ~15 months later
    pushed = updated - rng.uniform(0, 86_400)
    stars = int(rng.lognormvariate(1.8, 1.7))
    full_name = f"{owner['login']}/{spec.name}"
    lic = None
    if spec.license:
        name, spdx = LICENSES[spec.license]
        lic = {"key": spec.license, "name": name, "spdx_id": spdx}
    return {
        "id": repo_id,
        "node_id": _node_id("Repository", repo_id),
        "name": spec.name,
        "full_name": full_name,
        "private": False,
        "owner": _owner_object(owner),
        "html_url": f"{WEB_URL}/{full_name}",
        "description": spec.description,
        "fork": rng.random() < 0.08,
        "url": f"{API_URL}/repos/{full_name}",
        "created_at": _iso(created),
        "updated_at": _iso(updated),
        "pushed_at": _iso(pushed),
        "homepage": rng.choice([None, "", f"https://{spec.name}.example.com"]),
        "size": rng.randint(12, 48_000),
        "stargazers_count": stars,
        "watchers_count": stars,
        "language": spec.language,
        "forks_count": int(stars * rng.uniform(0, 0.3)),
        "open_issues_count": rng.randint(0, 12),
        "license": lic,
        "topics": list(spec.topics),
        "visibility": "public",
        "default_branch": "main" if created > 1_600_000_000 else rng.choice(["main", "master"]),
    }


def _nova_specs(rng: random.Random) -> list[RepoSpec]:
    pairs = [(s, k) for s in NOVA_SUBJECTS for k in NOVA_KINDS]
    rng.shuffle(pairs)
    specs = []
    for subject, kind in pairs[:NOVA_REPO_COUNT]:
        template, languages, topics = NOVA_KINDS[kind]
        words = subject.replace("-", " ")
        description = None if rng.random() < 0.07 else template.format(s=words)
        license_key = rng.choice([None, "mit", "mit", "apache-2.0", "bsd-3-clause", "gpl-3.0"])
        specs.append(
            RepoSpec(
                name=f"{subject}-{kind}",
                description=description,
                language=rng.choice(languages),
                topics=sorted({*topics, subject, "data"}),
                license=license_key,
            )
        )
    return specs


@dataclass
class Catalog:
    """The fictional users and their repositories (a fresh copy per app)."""

    users: dict[str, dict[str, Any]]  # lower-case login -> user object
    by_id: dict[int, str]  # user id -> lower-case login
    repos: dict[str, list[dict[str, Any]]]  # lower-case login -> repo objects

    def all_repos(self) -> list[dict[str, Any]]:
        return [repo for repos in self.repos.values() for repo in repos]


def build_catalog(seed: int = 2022_11_28) -> Catalog:
    """Generate the fictional data; the same seed always gives the same catalog."""
    rng = random.Random(seed)
    specs = {
        "octo-learner": [RepoSpec(*row) for row in OCTO_REPOS],
        "nova-data": _nova_specs(rng),
        "quiet-quokka": [],
    }
    users, by_id, repos = {}, {}, {}
    next_repo_id = 6_100_000_000
    for user in USERS:
        key = user["login"].lower()
        owned = []
        joined = calendar.timegm(time.strptime(user["created_at"], "%Y-%m-%dT%H:%M:%SZ"))
        for spec in specs[key]:
            next_repo_id += rng.randint(1, 90_000)
            owned.append(_repo_object(rng, next_repo_id, user, spec, joined + 86_400))
        users[key] = _user_object(user, len(owned))
        by_id[user["id"]] = key
        repos[key] = owned
    return Catalog(users=users, by_id=by_id, repos=repos)


# --------------------------------------------------------------------------------------------
# Rate limits
# --------------------------------------------------------------------------------------------


@dataclass
class Bucket:
    limit: int
    used: int = 0

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass
class GitHubState:
    """Per-app mutable state: rate-limit counters and the request-id source."""

    reset: int
    request_ids: Counter = field(default_factory=Counter)
    buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bucket(self, identity: str, resource: str) -> Bucket:
        """The counter of one identity (``"anonymous"`` or a token) for one resource."""
        with self.lock:
            key = (identity, resource)
            if key not in self.buckets:
                self.buckets[key] = Bucket(LIMITS[resource, identity != ANONYMOUS])
            return self.buckets[key]

    def count(self, bucket: Bucket) -> None:
        with self.lock:
            bucket.used = min(bucket.limit, bucket.used + 1)

    def use(self, resource: str, n: int, token: str | None = None) -> None:
        """Spend ``n`` requests of ``resource`` (``"core"``/``"search"``) for a demo."""
        bucket = self.bucket(token or ANONYMOUS, resource)
        with self.lock:
            bucket.used = min(bucket.limit, bucket.used + n)

    def request_id(self) -> str:
        """A GitHub-looking request id such as ``C0DE:1A2B:3C4D5E:6F7A8B:9C0D1E2F``."""
        digest = self.request_ids.ident("gh", 28).split("_", 1)[1].upper()
        return ":".join((digest[:4], digest[4:8], digest[8:14], digest[14:20], digest[20:28]))


# --------------------------------------------------------------------------------------------
# Responses and errors
# --------------------------------------------------------------------------------------------


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False)
    return Response(body, status=status, content_type=JSON_TYPE)


def error_response(
    status: int,
    message: str | None = None,
    documentation_url: str = DOCS_URL,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    """GitHub's error body: ``message``, optional ``errors``, ``documentation_url``, ``status``."""
    body: dict[str, Any] = {"message": message or _default_message(status)}
    if errors is not None:
        body["errors"] = errors
    body["documentation_url"] = documentation_url
    body["status"] = str(status)
    return json_response(body, status)


def _default_message(status: int) -> str:
    if status in ERROR_MESSAGES:
        return ERROR_MESSAGES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def make_error(status: int) -> Response:
    """The error response GitHub would send for ``status`` (used for injected faults)."""
    return error_response(status)


def validation_failed(errors: list[dict[str, Any]], docs: str) -> Response:
    return error_response(422, "Validation Failed", docs, errors)


def invalid_param(resource: str, name: str, docs: str) -> Response:
    return validation_failed([{"resource": resource, "field": name, "code": "invalid"}], docs)


# --------------------------------------------------------------------------------------------
# Requests: identity, paging, links
# --------------------------------------------------------------------------------------------


def parse_authorization(header: str | None) -> str | None:
    """The token of a ``Bearer``/``token`` header; ``None`` without a header, ``""`` if unusable."""
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() not in ("bearer", "token"):
        return ""
    return token.strip()


def current_identity() -> str:
    """``"anonymous"``, the valid token, or ``""`` for bad credentials (cached per request)."""
    if "gh_identity" not in g:
        token = parse_authorization(request.headers.get("Authorization"))
        if token is None:
            g.gh_identity = ANONYMOUS
        else:
            g.gh_identity = token if token == DEMO_TOKEN else ""
    return g.gh_identity


def current_resource() -> str:
    return "search" if request.path.startswith("/search/") else "core"


def client_address() -> str:
    return request.remote_addr or "127.0.0.1"


def int_arg(name: str, default: int) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        return default


def paging() -> tuple[int, int]:
    """``(page, per_page)`` from the query, with GitHub's defaults and its 100 cap."""
    per_page = int_arg("per_page", DEFAULT_PER_PAGE)
    per_page = DEFAULT_PER_PAGE if per_page < 1 else min(per_page, MAX_PER_PAGE)
    return max(1, int_arg("page", 1)), per_page


def link_header(base_url: str, page: int, last: int) -> str | None:
    """RFC 8288 ``Link`` value like GitHub's; ``None`` when everything fits on one page."""
    if last <= 1:
        return None
    kept = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]

    def url(number: int) -> str:
        return f"{base_url}?{urlencode([*kept, ('page', number)])}"

    links = []
    if page > 1:
        links.append((page - 1, "prev"))
    if page < last:
        links += [(page + 1, "next"), (last, "last")]
    if page > 1:
        links.append((1, "first"))
    return ", ".join(f'<{url(number)}>; rel="{rel}"' for number, rel in links)


def paginate(items: list[Any], base_url: str) -> Response:
    """One page of ``items`` as a JSON list, with a ``Link`` header when needed."""
    page, per_page = paging()
    start = (page - 1) * per_page
    response = json_response(items[start : start + per_page])
    set_link(response, base_url, page, math.ceil(len(items) / per_page))
    return response


def set_link(response: Response, base_url: str, page: int, last: int) -> None:
    value = link_header(base_url, page, last)
    if value:
        response.headers["Link"] = value


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------

TOKEN_RE = re.compile(r'(\w[\w-]*):"([^"]*)"|(\w[\w-]*):(\S+)|"([^"]*)"|(\S+)')
STARS_RE = re.compile(r"^(>=|<=|>|<)?(\d+)(?:\.\.(\d+))?$")


@dataclass
class SearchQuery:
    words: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    stars: list[Callable[[int], bool]] = field(default_factory=list)


def parse_query(q: str) -> SearchQuery:
    """Split ``q`` into free words and the supported ``key:value`` qualifiers."""
    query = SearchQuery()
    for match in TOKEN_RE.finditer(q):
        key = (match.group(1) or match.group(3) or "").lower()
        value = match.group(2) if match.group(1) else match.group(4)
        if key and not add_qualifier(query, key, value):
            query.words.append(match.group(0).lower())
        elif not key:
            query.words.append((match.group(5) or match.group(6) or "").lower())
    query.words = [word for word in query.words if word]
    return query


def add_qualifier(query: SearchQuery, key: str, value: str) -> bool:
    """Record a qualifier; ``False`` for unknown ones (GitHub then searches them as text)."""
    value = value.lower()
    if key == "user":
        query.users.append(value)
    elif key == "language":
        query.languages.append(normalise_language(value))
    elif key == "topic":
        query.topics.append(value)
    elif key == "in":
        query.fields += [name for name in value.split(",") if name]
    elif key == "stars" and STARS_RE.match(value):
        query.stars.append(stars_test(value))
    else:
        return False
    return True


def stars_test(value: str) -> Callable[[int], bool]:
    op, low, high = STARS_RE.match(value).groups()  # type: ignore[union-attr]
    n = int(low)
    if high is not None:
        return lambda stars: n <= stars <= int(high)
    tests = {
        ">": lambda s: s > n,
        ">=": lambda s: s >= n,
        "<": lambda s: s < n,
        "<=": lambda s: s <= n,
        None: lambda s: s == n,
    }
    return tests[op]


def normalise_language(name: str | None) -> str:
    return (name or "").lower().replace(" ", "-")


def searchable_text(repo: dict[str, Any], fields: Iterable[str]) -> dict[str, str]:
    texts = {
        "name": repo["name"].lower(),
        "description": (repo["description"] or "").lower(),
        "topics": " ".join(repo["topics"]),
    }
    wanted = [name for name in fields if name in texts] or list(texts)
    return {name: texts[name] for name in wanted}


def score(repo: dict[str, Any], query: SearchQuery) -> float | None:
    """Relevance of ``repo`` for ``query``; ``None`` when it does not match."""
    if query.users and repo["owner"]["login"].lower() not in query.users:
        return None
    if query.languages and normalise_language(repo["language"]) not in query.languages:
        return None
    if any(topic not in repo["topics"] for topic in query.topics):
        return None
    if any(not test(repo["stargazers_count"]) for test in query.stars):
        return None
    texts = searchable_text(repo, query.fields)
    weights = {"name": 3.0, "topics": 2.0, "description": 1.0}
    total = 1.0
    for word in query.words:
        hits = [weights[name] for name, text in texts.items() if word in text]
        if not hits:
            return None
        total += sum(hits)
    return total


def search_order(
    matches: list[tuple[float, dict[str, Any]]], sort: str | None, order: str
) -> list[dict[str, Any]]:
    keys: dict[str, Callable[[tuple[float, dict[str, Any]]], Any]] = {
        "stars": lambda m: m[1]["stargazers_count"],
        "forks": lambda m: m[1]["forks_count"],
        "help-wanted-issues": lambda m: m[1]["open_issues_count"],
        "updated": lambda m: m[1]["updated_at"],
    }
    if sort is None:
        ranked = sorted(matches, key=lambda m: (-m[0], -m[1]["stargazers_count"], m[1]["id"]))
    else:
        ranked = sorted(matches, key=lambda m: m[1]["id"])
        ranked.sort(key=keys[sort], reverse=order == "desc")
    return [{**repo, "score": round(relevance, 1)} for relevance, repo in ranked]


# --------------------------------------------------------------------------------------------
# The app
# --------------------------------------------------------------------------------------------


def create_app() -> Flask:
    """A new simulated api.github.com with fresh rate-limit counters."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = Flask(__name__)
    catalog = build_catalog()
    state = GitHubState(reset=int(time.time()) + RESET_AFTER_SECONDS)
    app.extensions["github"] = state
    install_faults(app, make_error)
    install_gate(app, state)
    install_finish(app, state)
    install_error_handlers(app)
    install_user_routes(app, catalog)
    install_repo_routes(app, catalog)
    install_search_routes(app, catalog)
    install_rate_limit_route(app, state)
    return app


def install_gate(app: Flask, state: GitHubState) -> None:
    """Before each request: credentials, API version, then the rate limit."""

    @app.before_request
    def gate() -> Response | None:
        identity = current_identity()
        if identity == "":
            return error_response(401, "Bad credentials")
        version = request.headers.get("X-GitHub-Api-Version")
        if version is not None and version != API_VERSION:
            message = (
                f"Unsupported 'X-GitHub-Api-Version' header: {version}. "
                f"Supported versions are {API_VERSION}."
            )
            return error_response(
                400, message, "https://docs.github.com/rest/overview/api-versions"
            )
        if request.path == "/rate_limit":
            return None
        if state.bucket(identity, current_resource()).remaining == 0:
            g.gh_rejected = True
            return rate_limit_exceeded(identity, state)
        return None


def rate_limit_exceeded(identity: str, state: GitHubState) -> Response:
    if identity == ANONYMOUS:
        message = (
            f"API rate limit exceeded for {client_address()}. (But here's the good news: "
            "Authenticated requests get a higher rate limit. Check out the documentation for "
            "more details.)"
        )
        return error_response(403, message, RATE_LIMIT_DOCS_URL)
    user_id = USERS[0]["id"]
    message = (
        f"API rate limit exceeded for user ID {user_id}. If you reach out to GitHub Support for "
        f"help, please include the request ID {request_id(state)}."
    )
    return error_response(429, message, RATE_LIMIT_DOCS_URL)


def request_id(state: GitHubState) -> str:
    if "gh_request_id" not in g:
        g.gh_request_id = state.request_id()
    return g.gh_request_id


def install_finish(app: Flask, state: GitHubState) -> None:
    """After each request: ETag and 304, counting, and GitHub's headers on every response."""

    @app.after_request
    def finish(response: Response) -> Response:
        if response.status_code == 200:
            apply_etag(response)
        identity = current_identity() or ANONYMOUS
        resource = current_resource()
        bucket = state.bucket(identity, resource)
        # GitHub: a 304 is free only for a request made with valid credentials.
        free_304 = response.status_code == 304 and identity != ANONYMOUS
        free = free_304 or request.path == "/rate_limit"
        if not free and not g.get("gh_rejected"):
            state.count(bucket)
        headers = response.headers
        headers["x-github-api-version-selected"] = API_VERSION
        headers["x-ratelimit-limit"] = str(bucket.limit)
        headers["x-ratelimit-remaining"] = str(bucket.remaining)
        headers["x-ratelimit-reset"] = str(state.reset)
        headers["x-ratelimit-used"] = str(bucket.used)
        headers["x-ratelimit-resource"] = resource
        headers["x-github-request-id"] = request_id(state)
        return response


def apply_etag(response: Response) -> None:
    """Add a weak ETag and cache headers; answer 304 when ``If-None-Match`` matches."""
    tag = etag_for(response.get_data())
    response.headers["etag"] = f"W/{tag}"
    private = current_identity() != ANONYMOUS
    cache = "no-cache" if current_resource() == "search" else "max-age=60, s-maxage=60"
    response.headers["cache-control"] = f"{'private' if private else 'public'}, {cache}"
    response.headers["vary"] = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding"
    if request.if_none_match.contains_weak(tag.strip('"')):
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]


def install_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        response = error_response(status)
        if status == 405:
            allowed = getattr(error, "valid_methods", None) or ["GET", "HEAD"]
            response.headers["Allow"] = ", ".join(allowed)
        return response


def install_user_routes(app: Flask, catalog: Catalog) -> None:
    def find(username: str) -> dict[str, Any] | None:
        return catalog.users.get(username.lower())

    def by_id(user_id: int) -> dict[str, Any] | None:
        login = catalog.by_id.get(user_id)
        return catalog.users[login] if login else None

    @app.get("/users/<username>")
    def get_user(username: str) -> Response:
        user = find(username)
        return json_response(user) if user else not_found("users/users#get-a-user")

    @app.get("/user/<int:user_id>")
    def get_user_by_id(user_id: int) -> Response:
        user = by_id(user_id)
        return json_response(user) if user else not_found("users/users#get-a-user-using-their-id")

    @app.get("/user")
    def get_authenticated_user() -> Response:
        if current_identity() == ANONYMOUS:
            docs = f"{DOCS_URL}/users/users#get-the-authenticated-user"
            return error_response(401, "Requires authentication", docs)
        return json_response({**catalog.users["octo-learner"], **PRIVATE_PROFILE})

    @app.get("/users/<username>/repos")
    def list_user_repos(username: str) -> Response:
        user = find(username)
        if user is None:
            return not_found("repos/repos#list-repositories-for-a-user")
        return list_repos(catalog, user)

    @app.get("/user/<int:user_id>/repos")
    def list_user_repos_by_id(user_id: int) -> Response:
        user = by_id(user_id)
        if user is None:
            return not_found("repos/repos#list-repositories-for-a-user")
        return list_repos(catalog, user)


def not_found(docs_anchor: str) -> Response:
    return error_response(404, "Not Found", f"{DOCS_URL}/{docs_anchor}")


def list_repos(catalog: Catalog, user: dict[str, Any]) -> Response:
    """``GET /users/{username}/repos`` for a known user."""
    repo_type = request.args.get("type", "owner")
    sort = request.args.get("sort", "full_name")
    default_direction = "asc" if sort == "full_name" else "desc"
    direction = request.args.get("direction", default_direction)
    for name, value, allowed in (
        ("type", repo_type, REPO_TYPES),
        ("sort", sort, REPO_SORTS),
        ("direction", direction, DIRECTIONS),
    ):
        if value not in allowed:
            return invalid_param("Repository", name, REPOS_DOCS_URL)
    repos = [] if repo_type == "member" else list(catalog.repos[user["login"].lower()])
    key = "full_name" if sort == "full_name" else f"{sort}_at"
    repos.sort(key=lambda repo: repo[key].lower(), reverse=direction == "desc")
    return paginate(repos, f"{API_URL}/user/{user['id']}/repos")


def install_repo_routes(app: Flask, catalog: Catalog) -> None:
    @app.get("/repos/<owner>/<name>")
    def get_repo(owner: str, name: str) -> Response:
        for repo in catalog.repos.get(owner.lower(), []):
            if repo["name"].lower() == name.lower():
                return json_response(repo)
        return not_found("repos/repos#get-a-repository")


def install_search_routes(app: Flask, catalog: Catalog) -> None:
    @app.get("/search/repositories")
    def search_repositories() -> Response:
        q = request.args.get("q", "").strip()
        if not q:
            errors = [{"resource": "Search", "field": "q", "code": "missing"}]
            return validation_failed(errors, SEARCH_DOCS_URL)
        sort = request.args.get("sort")
        order = request.args.get("order", "desc")
        if sort is not None and sort not in SEARCH_SORTS:
            return invalid_param("Search", "sort", SEARCH_DOCS_URL)
        if order not in DIRECTIONS:
            return invalid_param("Search", "order", SEARCH_DOCS_URL)
        query = parse_query(q)
        if any(login not in catalog.users for login in query.users):
            return unknown_search_user()
        page, per_page = paging()
        if (page - 1) * per_page >= MAX_SEARCH_RESULTS:
            message = "Only the first 1000 search results are available"
            return error_response(422, message, SEARCH_DOCS_URL)
        return search_page(catalog, query, sort, order)


def unknown_search_user() -> Response:
    message = (
        "The listed users and repositories cannot be searched either because the resources do "
        "not exist or you do not have permission to view them."
    )
    error = {"message": message, "resource": "Search", "field": "q", "code": "invalid"}
    return validation_failed([error], SEARCH_DOCS_URL)


def search_page(catalog: Catalog, query: SearchQuery, sort: str | None, order: str) -> Response:
    matches = []
    for repo in catalog.all_repos():
        relevance = score(repo, query)
        if relevance is not None:
            matches.append((relevance, repo))
    items = search_order(matches, sort, order)
    page, per_page = paging()
    start = (page - 1) * per_page
    body = {
        "total_count": len(items),
        "incomplete_results": False,
        "items": items[start : start + per_page],
    }
    response = json_response(body)
    last = math.ceil(min(len(items), MAX_SEARCH_RESULTS) / per_page)
    set_link(response, f"{API_URL}/search/repositories", page, last)
    return response


def install_rate_limit_route(app: Flask, state: GitHubState) -> None:
    @app.get("/rate_limit")
    def rate_limit() -> Response:
        identity = current_identity()
        resources = {}
        for resource in ("core", "search"):
            bucket = state.bucket(identity, resource)
            resources[resource] = {
                "limit": bucket.limit,
                "used": bucket.used,
                "remaining": bucket.remaining,
                "reset": state.reset,
                "resource": resource,
            }
        return json_response({"resources": resources, "rate": resources["core"]})
