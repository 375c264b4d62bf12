"""Checkers for notebook 04 (Authentication and secrets)."""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, urlsplit

import requests

from helpers.checkers._tools import (
    require_callable,
    require_no_secret,
    require_response,
    require_timeout,
    require_timeouts,
    require_url,
    run,
    short,
)
from helpers.exercises import Wrong, exercise
from helpers.redact import is_secret_name, mask_url

DEMO_EXAMPLE_KEYS = ("demo-reader-key", "demo-writer-key")
GITHUB_USER_URL = "https://api.github.com/user"
GITHUB_ACCEPT = "application/vnd.github+json"
GITHUB_VERSION = "2022-11-28"


def _secrets_in_url(url: str, keys: list[str]) -> list[str]:
    """Query parameter names that carry a key (by name, or by holding a known key's value)."""
    return [
        name
        for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True)
        if is_secret_name(name) or value in keys
    ]


def _known_keys() -> list[str]:
    keys = [*DEMO_EXAMPLE_KEYS]
    if os.environ.get("EXAMPLE_API_KEY"):
        keys.append(os.environ["EXAMPLE_API_KEY"])
    return keys


def _error_message(response: requests.Response) -> str:
    try:
        return response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return response.reason or str(response.status_code)


# --- 04-key-in-header --------------------------------------------------------------------------


@exercise("04-key-in-header", "reports_response")
def key_in_header(reports_response):
    r = require_response(reports_response, "reports_response")
    if r.request.method != "GET":
        raise Wrong(f"you sent a {r.request.method} request.", "keep requests.get(...)")
    require_url(r, "api.example.com", "/reports")
    in_url = _secrets_in_url(r.request.url or "", _known_keys())
    if in_url:
        raise Wrong(
            f"the key is still in the URL ({mask_url(r.request.url or '')}), so it ends up in "
            "r.url, in exception messages and in logs.",
            "remove params=... (or the ?api_key=... part of the URL) and send the key with "
            "headers={'X-API-Key': ...} instead",
        )
    headers = r.request.headers
    if "X-API-Key" not in headers and "Authorization" not in headers:
        raise Wrong(
            f"no key was sent at all, and the API answered {r.status_code}: {_error_message(r)}",
            "pass headers={'X-API-Key': os.environ['EXAMPLE_API_KEY']}",
        )
    if not r.ok:
        raise Wrong(
            f"the API answered {r.status_code}: {_error_message(r)}",
            "send the key from os.environ['EXAMPLE_API_KEY'] as the value of the X-API-Key "
            "header, with nothing added around it",
        )
    require_timeout(r)
    where = "X-API-Key" if "X-API-Key" in headers else "Authorization"
    return (
        f"The key travelled in the {where} header and the API listed {len(r.json())} reports; "
        f"the URL {r.url} is now safe to print and log."
    )


# --- 04-github-auth ----------------------------------------------------------------------------


def _apply(auth_class, token: str) -> requests.PreparedRequest:
    try:
        auth = auth_class(token)
    except TypeError as e:
        raise Wrong(
            f"GitHubTokenAuth(token) failed: {e}",
            "keep __init__(self, token) as it was: it stores the token in self.token",
        ) from None
    if not callable(auth):
        raise Wrong(
            "an instance of GitHubTokenAuth cannot be called, so requests cannot use it.",
            "subclass AuthBase and write a __call__(self, request) method",
        )
    prepared = requests.Request("GET", GITHUB_USER_URL).prepare()
    result = auth(prepared)
    if result is None:
        raise Wrong(
            "__call__ returned None, so requests has no request left to send "
            "(it fails with AttributeError: 'NoneType' object has no attribute '__dict__').",
            "end __call__ with `return request`",
        )
    if not isinstance(result, requests.PreparedRequest):
        raise Wrong(
            f"__call__ returned a {type(result).__name__}, not the request.",
            "change request.headers in place, then `return request`",
        )
    return result


def _check_github_headers(prepared: requests.PreparedRequest, token: str) -> None:
    headers = prepared.headers
    authorization = headers.get("Authorization")
    if authorization is None:
        raise Wrong(
            "the request has no Authorization header.",
            "request.headers['Authorization'] = f'Bearer {self.token}'",
        )
    scheme, _, value = authorization.partition(" ")
    if authorization.strip() == token:
        raise Wrong(
            "the Authorization header holds the token alone, without a scheme before it.",
            "write the scheme, one space, then the token: f'Bearer {self.token}'",
        )
    if scheme.lower() not in ("bearer", "token"):
        raise Wrong(
            f"the Authorization header starts with {scheme!r}, a scheme GitHub does not take "
            "for tokens.",
            "write f'Bearer {self.token}'",
        )
    if value.strip() != token:
        raise Wrong(
            "the token in the Authorization header is not the one given to "
            "GitHubTokenAuth(token): the checker passed its own made-up token.",
            "build the header from the instance's token: f'Bearer {self.token}'",
        )
    if GITHUB_ACCEPT not in headers.get("Accept", ""):
        raise Wrong(
            f"the Accept header is {headers.get('Accept')!r}, not {GITHUB_ACCEPT!r}.",
            f"request.headers['Accept'] = '{GITHUB_ACCEPT}'",
        )
    if headers.get("X-GitHub-Api-Version") != GITHUB_VERSION:
        raise Wrong(
            f"the X-GitHub-Api-Version header is {headers.get('X-GitHub-Api-Version')!r}, "
            f"not {GITHUB_VERSION!r}.",
            f"request.headers['X-GitHub-Api-Version'] = '{GITHUB_VERSION}'",
        )
    if token in (prepared.url or ""):
        raise Wrong(
            "the token is in the URL, where it leaks into logs and error messages.",
            "set headers only; leave request.url alone",
        )


@exercise("04-github-auth", "GitHubTokenAuth")
def github_auth(GitHubTokenAuth):
    # A made-up token first: the class must send the token it was given, not one of its own.
    _check_github_headers(_apply(GitHubTokenAuth, "checker-made-up-token"), "checker-made-up-token")
    token = os.environ.get("GITHUB_TOKEN", "demo-github-token")
    _check_github_headers(_apply(GitHubTokenAuth, token), token)
    done = run(lambda: requests.get(GITHUB_USER_URL, auth=GitHubTokenAuth(token), timeout=5))
    require_no_secret(done.output)
    r = done.result
    if r.status_code != 200:
        raise Wrong(
            f"GET /user with your class answered {r.status_code}: {r.json().get('message')}",
            "check that GITHUB_TOKEN holds a valid token (offline: the demo token the setup "
            "cell sets; run the setup cell again)",
        )
    return (
        f"GET /user answered as {r.json()['login']}, with a rate limit of "
        f"{r.headers.get('x-ratelimit-limit')} an hour. Pass auth=GitHubTokenAuth(...) to a "
        "Session and every call carries the three headers."
    )


# --- 04-env-key-bug ----------------------------------------------------------------------------

BUG_HINT = (
    "the server's message says what it received. Look at the line of report_titles() that reads "
    "the key: compare the name with the variable the setup cell sets, letter by letter, and read "
    "it in a way that fails at once when the name is wrong."
)


def _works_with_key(report_titles) -> list:
    """With EXAMPLE_API_KEY set (the check sets the demo key), the function works."""
    try:
        done = run(report_titles)
    except requests.HTTPError as e:
        if e.response is not None and e.response.status_code == 401:
            raise Wrong(
                f"report_titles() got 401 from the API: {_error_message(e.response)}", BUG_HINT
            ) from None
        raise
    except KeyError as e:
        raise Wrong(
            f"report_titles() raised KeyError: {e}: no environment variable has that name.",
            "the setup cell sets EXAMPLE_API_KEY: compare the spelling letter by letter",
        ) from None
    if not done.calls:
        raise Wrong(
            "report_titles() returned without sending a request.",
            "keep the requests.get(...) call to https://api.example.com/reports",
        )
    require_timeouts(done.calls)
    require_no_secret(done.output)
    if _secrets_in_url(done.calls[-1].url, _known_keys()):
        raise Wrong(
            "it works, but the key now travels in the URL, where it leaks into logs.",
            "keep the key in the Authorization header; fix only how it is read",
        )
    if not isinstance(done.result, list) or "Weekly sign-ups" not in done.result:
        raise Wrong(
            f"report_titles() returned {short(done.result)}, not the list of report titles.",
            "keep the last line: return [report['title'] for report in response.json()]",
        )
    return done.result


def _fails_fast_without_key(report_titles) -> None:
    """With EXAMPLE_API_KEY missing, it must fail before sending anything."""
    del os.environ["EXAMPLE_API_KEY"]  # the check restores the environment afterwards
    done = run(report_titles, catch=True)
    if isinstance(done.error, requests.HTTPError):
        response = done.error.response
        raise Wrong(
            "it works while EXAMPLE_API_KEY is set, but when the variable is missing the "
            f"function still sends a request and gets {response.status_code}: "
            f"{_error_message(response)}",
            "use os.environ['EXAMPLE_API_KEY'] instead of .get(): a missing variable then "
            "raises KeyError before anything is sent",
        )
    if done.error is None:
        raise Wrong(
            "with EXAMPLE_API_KEY removed from the environment, report_titles() still "
            "returned titles, so the key comes from somewhere else: a key typed into the "
            "code, or a default value?",
            "read the key only from the environment: os.environ['EXAMPLE_API_KEY'], no default",
        )
    if done.calls:
        raise Wrong(
            "when EXAMPLE_API_KEY is missing, the function sends a request before it fails.",
            "read the key with os.environ['EXAMPLE_API_KEY'] first thing in the function",
        )


@exercise("04-env-key-bug", "report_titles")
def env_key_bug(report_titles):
    require_callable(report_titles, "report_titles", "keep `def report_titles():`")
    titles = _works_with_key(report_titles)
    _fails_fast_without_key(report_titles)
    return (
        f"report_titles() returns {len(titles)} titles, and without EXAMPLE_API_KEY it fails "
        "at once, before a request with 'Bearer None' can leave."
    )
