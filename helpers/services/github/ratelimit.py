"""Identity, rate limits and conditional requests, run around every request.

* Identity: no ``Authorization`` header -> anonymous; ``Bearer``/``token`` with the course's
  demo token ``demo-github-token`` -> that token (the user ``octocat``); anything else -> 401
  "Bad credentials".
* Limits per identity and resource, as on GitHub: ``core`` 60/hour anonymous, 5000 with the
  token; ``search`` 10/minute anonymous, 30 with the token. Every response carries
  ``x-ratelimit-limit|remaining|used|reset|resource``. Each request counts (errors too), except
  ``/rate_limit``, rejected requests, and 304 answers to authenticated requests (an anonymous
  304 counts, as on GitHub). Exhausted: 403 anonymous, 429 with the token.
* ``ETag`` (weak) with ``If-None-Match``, and ``Last-Modified`` with ``If-Modified-Since``, give
  ``304 Not Modified``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

from flask import Flask, Response, g, request

from .._common import Counter, etag_for
from .errors import RATE_LIMIT_DOCS_URL, error_response, unsupported_version
from .versions import SUPPORTED_VERSIONS, requested_version

DEMO_TOKEN = "demo-github-token"
TOKEN_USER_ID = 583231  # octocat
ANONYMOUS = "anonymous"
WINDOWS = {"core": 3600, "search": 60}
LIMITS = {  # (resource, authenticated) -> requests per window
    ("core", False): 60,
    ("core", True): 5000,
    ("search", False): 10,
    ("search", True): 30,
}


@dataclass
class Bucket:
    limit: int
    window: int
    reset: int
    used: int = 0

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def refresh(self, now: float) -> None:
        if now >= self.reset:
            self.used = 0
            self.reset = int(now) + self.window


@dataclass
class GitHubState:
    """Per-app mutable state: rate-limit counters and the request-id source."""

    request_ids: Counter = field(default_factory=Counter)
    zen: Counter = field(default_factory=Counter)
    buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bucket(self, identity: str, resource: str) -> Bucket:
        """The counter of one identity (``"anonymous"`` or a token) for one resource."""
        now = time.time()
        with self.lock:
            key = (identity, resource)
            if key not in self.buckets:
                limit = LIMITS[resource, identity != ANONYMOUS]
                window = WINDOWS[resource]
                self.buckets[key] = Bucket(limit, window, int(now) + window)
            self.buckets[key].refresh(now)
            return self.buckets[key]

    def count(self, bucket: Bucket) -> None:
        with self.lock:
            bucket.used = min(bucket.limit, bucket.used + 1)

    def use(self, resource: str, n: int, token: str | None = None) -> None:
        """Spend ``n`` requests of ``resource`` (``"core"``/``"search"``) at once, for a demo."""
        bucket = self.bucket(token or ANONYMOUS, resource)
        with self.lock:
            bucket.used = min(bucket.limit, bucket.used + n)

    def request_id(self) -> str:
        """A GitHub-looking request id such as ``C0DE:1A2B:3C4D5E:6F7A8B:9C0D1E2F``."""
        digest = self.request_ids.ident("gh", 28).split("_", 1)[1].upper()
        return ":".join((digest[:4], digest[4:8], digest[8:14], digest[14:20], digest[20:28]))


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


def request_id(state: GitHubState) -> str:
    if "gh_request_id" not in g:
        g.gh_request_id = state.request_id()
    return g.gh_request_id


def set_last_modified(stamp: str) -> None:
    """Called by a view: the ISO time its resource last changed (for ``Last-Modified``)."""
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    g.gh_last_modified = moment


def install(app: Flask, state: GitHubState) -> None:
    """The gate (credentials, version, limit) and the finish (headers, 304s, counting)."""

    @app.before_request
    def gate() -> Response | None:
        identity = current_identity()
        if identity == "":
            return error_response(401, "Bad credentials")
        version = requested_version()
        if version is None:
            value = request.headers.get("X-GitHub-Api-Version", "")
            return unsupported_version(value, SUPPORTED_VERSIONS)
        g.gh_version = version
        if request.path == "/rate_limit":
            return None
        if state.bucket(identity, current_resource()).remaining == 0:
            g.gh_rejected = True
            return rate_limit_exceeded(identity, state)
        return None

    @app.after_request
    def finish(response: Response) -> Response:
        if response.status_code == 200:
            conditional(response)
        identity = current_identity() or ANONYMOUS
        resource = current_resource()
        bucket = state.bucket(identity, resource)
        free_304 = response.status_code == 304 and identity != ANONYMOUS
        if not (free_304 or request.path == "/rate_limit" or g.get("gh_rejected")):
            state.count(bucket)
        headers = response.headers
        headers["x-github-api-version-selected"] = g.get("gh_version", SUPPORTED_VERSIONS[0])
        headers["x-ratelimit-limit"] = str(bucket.limit)
        headers["x-ratelimit-remaining"] = str(bucket.remaining)
        headers["x-ratelimit-reset"] = str(bucket.reset)
        headers["x-ratelimit-used"] = str(bucket.used)
        headers["x-ratelimit-resource"] = resource
        headers["x-github-media-type"] = "github.v3; format=json"
        headers["x-github-request-id"] = request_id(state)
        return response


def rate_limit_exceeded(identity: str, state: GitHubState) -> Response:
    if identity == ANONYMOUS:
        address = request.remote_addr or "127.0.0.1"
        message = (
            f"API rate limit exceeded for {address}. (But here's the good news: "
            "Authenticated requests get a higher rate limit. Check out the documentation for "
            "more details.)"
        )
        return error_response(403, message, RATE_LIMIT_DOCS_URL)
    message = (
        f"API rate limit exceeded for user ID {TOKEN_USER_ID}. If you reach out to GitHub "
        f"Support for help, please include the request ID {request_id(state)}."
    )
    return error_response(429, message, RATE_LIMIT_DOCS_URL)


def conditional(response: Response) -> None:
    """ETag, Last-Modified and cache headers; 304 when ``If-None-Match``/``If-Modified-Since``
    say the client's copy is current."""
    tag = etag_for(response.get_data())
    response.headers["etag"] = f"W/{tag}"
    private = current_identity() != ANONYMOUS
    cache = "no-cache" if current_resource() == "search" else "max-age=60, s-maxage=60"
    response.headers["cache-control"] = f"{'private' if private else 'public'}, {cache}"
    response.headers["vary"] = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding"
    modified = g.get("gh_last_modified")
    if modified is not None:
        response.headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if request.if_none_match:
        fresh = request.if_none_match.contains_weak(tag.strip('"'))
    else:
        fresh = modified is not None and not_modified_since(modified)
    if fresh:
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]


def not_modified_since(modified: datetime) -> bool:
    value = request.headers.get("If-Modified-Since")
    if not value:
        return False
    try:
        since = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return modified <= since
