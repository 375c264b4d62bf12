"""Simulated ``api.github.com``: a dated snapshot (2026-12-01) of the real public GitHub.

``create_app()`` returns a new app with new state (rate-limit counters, request ids) every time.
The accounts and repositories are real (``data/*.json``, with their provenance); counts and
``updated_at``/``pushed_at`` are estimates for the snapshot date; issues, stargazers and
contributors and events are generated deterministically. Same request, same body, in every run.

Accounts: users ``octocat`` (8 repositories), ``torvalds``, ``gvanrossum``; organisations
``github``, ``psf``, ``python`` (more than one page of repositories at ``per_page=30``),
``pallets``, ``getsentry``, ``jupyterlab``, ``anthropics``. The course's demo token
``demo-github-token`` authenticates as ``octocat``.

Endpoints (base URL ``https://api.github.com``; a method a route does not serve gets GitHub's
404, not 405):

* ``GET /`` - the API index of URL templates.
* ``GET /zen`` - one of GitHub's design sentences (``text/plain``, cycling deterministically).
* ``GET /octocat`` - ASCII art (``application/octocat-stream``); ``?s=text`` sets the bubble.
* ``GET /users/{username}``, ``GET /user/{id}`` - a ``public-user`` (organisations too).
* ``GET /user`` - the token's user (``private-user``); 401 "Requires authentication" without.
* ``GET /users/{username}/repos`` - a JSON list; ``type`` (owner, all, member), ``sort``
  (full_name default, created, updated, pushed), ``direction``, ``per_page`` (default 30, at
  most 100), ``page``. ``Link`` only when there is more than one page.
* ``GET /orgs/{org}`` - ``organization-full``; ``GET /orgs/{org}/repos`` - as above, ``type``
  all (default), public, private, forks, sources, member.
* ``GET /repos/{owner}/{repo}`` - ``full-repository``.
* ``GET /repos/{owner}/{repo}/issues`` - issues and pull requests (these carry
  ``pull_request``); ``state`` (open default, closed, all), ``labels`` (comma-separated, all
  must match), ``sort`` (created, updated, comments), ``direction``, ``per_page``, ``page``.
  Every issue is there (``open_issues_count`` open ones), computed on demand (:mod:`.issues`).
* ``GET /repos/{owner}/{repo}/contributors`` - at most 500, most contributions first.
* ``GET /repos/{owner}/{repo}/stargazers`` - every star, paged; like GitHub, paging stops at
  40,000 items (``rel="last"`` stops there; a page beyond -> 422 "pagination is limited").
  ``Accept: application/vnd.github.star+json`` gives ``{"starred_at", "user"}`` items.
* ``GET /events`` (the public timeline), ``GET /users/{u}/events`` and ``.../events/public``,
  ``GET /repos/{o}/{r}/events``, ``GET /orgs/{org}/events`` - generated events (:mod:`.events`):
  at most 300 per timeline (the public one answers a page beyond with 422), ``X-Poll-Interval``.
* ``GET /search/repositories``, ``GET /search/users`` - ``q`` with qualifiers (see
  :mod:`.search`), ``sort``, ``order``, ``per_page``, ``page``; ``total_count`` for common
  queries is GitHub's count as a snapshot estimate, the items come from the held data; only
  the first 1000 results are reachable.
* ``GET /rate_limit`` - ``resources`` (core, search, graphql, ...) and, before 2026-03-10,
  ``rate``; free.
* Anything else -> 404 ``{"message": "Not Found", "documentation_url": ..., "status": "404"}``.

Behaviour (see :mod:`.ratelimit`, :mod:`.versions`): Bearer/``token`` auth, 401 "Bad
credentials"; rate limits with ``x-ratelimit-*`` headers (``core`` 60/5000 per hour, ``search``
10/30 per minute); weak ``ETag`` + ``If-None-Match`` and ``Last-Modified`` +
``If-Modified-Since`` -> 304; ``X-GitHub-Api-Version`` 2022-11-28 (default) or 2026-03-10, an
unknown one -> 400; a body that is not JSON -> 400 "Problems parsing JSON". Failures can be
queued with :func:`helpers.services._common.queue_faults` (GitHub's error bodies).
``app.extensions["github"].use(resource, n, token=None)`` spends ``n`` requests at once.
"""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from .._common import guard_json, install_faults
from . import ratelimit, routes
from .data import SNAPSHOT_DATE, build_catalog
from .errors import bad_json, error_response, make_error
from .ratelimit import DEMO_TOKEN, GitHubState
from .versions import DEFAULT_VERSION, SUPPORTED_VERSIONS

HOST = "api.github.com"
API_URL = f"https://{HOST}"
API_VERSION = DEFAULT_VERSION  # what a request without X-GitHub-Api-Version gets

__all__ = [
    "API_URL",
    "API_VERSION",
    "DEMO_TOKEN",
    "HOST",
    "SNAPSHOT_DATE",
    "SUPPORTED_VERSIONS",
    "build_catalog",
    "create_app",
]


def create_app() -> Flask:
    """A new simulated api.github.com with fresh rate-limit counters."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = Flask(__name__)
    state = GitHubState()
    app.extensions["github"] = state
    install_faults(app, make_error)
    ratelimit.install(app, state)
    guard_json(app, bad_json)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        # GitHub answers an unsupported method on a known path with its plain 404.
        status = 404 if error.code == 405 else (error.code or 500)
        return error_response(status)

    routes.install(app, build_catalog(), state)
    return app
