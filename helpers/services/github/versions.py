"""REST API versions (``X-GitHub-Api-Version``) and their breaking changes.

Released versions: ``2022-11-28`` (the default when the header is absent) and ``2026-03-10``.
An unknown value gets GitHub's 400 ``Unsupported 'X-GitHub-Api-Version' header``.

Breaking changes of 2026-03-10 (GitHub's "Breaking changes" page) that touch the simulated
endpoints, and applied here when a request asks for 2026-03-10:

* ``GET /rate_limit``: the deprecated top-level ``rate`` property is removed (read
  ``resources.core``).
* ``GET /``: ``authorizations_url`` is removed from the API root.
* Repository objects (``GET /repos/{o}/{r}``, ``/users/{u}/repos``, ``/orgs/{o}/repos``,
  ``/search/repositories``): the deprecated ``has_downloads`` property is removed.
* ``use_squash_pr_title_as_default`` (repository settings) and the organisation's
  ``secret_scanning_push_protection_custom_link_enabled`` are removed; neither appears in what
  an anonymous or non-admin caller sees here, so there is nothing to drop.

The other 2026-03-10 changes concern endpoints this simulator does not serve (teams, contents,
SARIF, gists, app installations, code scanning).
"""

from __future__ import annotations

from flask import g, request

DEFAULT_VERSION = "2022-11-28"
SUPPORTED_VERSIONS = ("2022-11-28", "2026-03-10")


def requested_version() -> str | None:
    """The version the request asks for (``None`` if unsupported); the default without header."""
    value = request.headers.get("X-GitHub-Api-Version")
    if value is None:
        return DEFAULT_VERSION
    value = value.strip()
    return value if value in SUPPORTED_VERSIONS else None


def current_version() -> str:
    """The version this request is answered in (set by the gate)."""
    return g.get("gh_version", DEFAULT_VERSION)
