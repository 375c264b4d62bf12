"""show() hides every secret a request carried, wherever it appears again; cursors stay visible.

One row per credential form. Each row plants a unique secret, sends it to httpbin (which echoes
everything back: "args", "data", "form", "json", "headers", "url") in-process through the
simulator or over a real socket on 127.0.0.1, and asserts that the exchange really carries the
secret and that show()'s output never contains it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import requests

from helpers import serve
from helpers.redact import MASK, _variants, mask_header
from helpers.simulator import simulate, stop
from helpers.wire import render, show

HTTPBIN = "https://httpbin.org"


@dataclass(frozen=True)
class Row:
    name: str
    secret: str
    send: Callable[[str], requests.Response]  # base URL -> response
    loopback: bool = False  # over a real socket on 127.0.0.1 (no simulator running)


def _secret(name: str) -> str:
    return f"planted-{name.replace(' ', '-')}-Zq7w"


ROWS: list[Row] = []


def row(name: str, secret: str | None = None):
    def add(send: Callable[[str, str, str], requests.Response]):
        value = secret or _secret(name)
        loopback = name.startswith("loopback")
        ROWS.append(Row(name, value, lambda base: send(base, base, value), loopback))
        return send

    return add


def _get(url: str, **kwargs) -> requests.Response:
    return requests.get(url, timeout=5, **kwargs)


def _post(url: str, **kwargs) -> requests.Response:
    return requests.post(url, timeout=5, **kwargs)


# -- headers ------------------------------------------------------------------------------------
for header, template in [
    ("Authorization", "Bearer {}"),
    ("Authorization", "token {}"),
    ("Authorization", "{}"),
    ("Proxy-Authorization", "Bearer {}"),
    ("X-API-Key", "{}"),
    ("x-api-key", "{}"),
    ("Api-Key", "{}"),
    ("X-Goog-Api-Key", "{}"),
    ("X-Auth-Token", "{}"),
    ("X-Access-Token", "{}"),
    ("Private-Token", "{}"),
    ("X-Api-Secret-Value", "{}"),
    ("X-Client-Secret", "{}"),
    ("X-Password", "{}"),
    ("X-Signature", "{}"),
    ("X-Amz-Security-Token", "{}"),
    ("X-Credential", "{}"),
    ("X-Session-Id", "{}"),
    ("X-Auth", "{}"),
    ("X-JWT-Assertion", "{}"),
    ("X-Csrf-Token", "{}"),
]:
    row(f"header {header} {template.split()[0] if ' ' in template else 'raw'}")(
        lambda ip, lo, s, h=header, t=template: _get(f"{ip}/anything", headers={h: t.format(s)})
    )

row("basic auth password", "pw-planted-basic-Zq7w")(
    lambda ip, lo, s: _get(f"{ip}/basic-auth/ada/{s}", auth=("ada", s))
)
row("basic auth base64 token", base64.b64encode(b"ada:pw-planted-basic-Zq7w").decode())(
    lambda ip, lo, s: _get(f"{ip}/anything", auth=("ada", "pw-planted-basic-Zq7w"))
)
row("cookie one")(lambda ip, lo, s: _get(f"{ip}/cookies", cookies={"session": s}))
row("cookie second of two")(
    lambda ip, lo, s: _get(f"{ip}/anything", cookies={"theme": "dark-mode", "sid": s})
)
row("cookie header raw")(
    lambda ip, lo, s: _get(f"{ip}/anything", headers={"Cookie": f"a=first-value; csrftoken={s}"})
)

# -- query parameters ---------------------------------------------------------------------------
for param in [
    "api_key",
    "apikey",
    "apiKey",
    "key",
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "appid",
    "jwt",
    "code",
    "sessionid",
    "session",
    "password",
    "passwd",
    "secret",
    "signature",
    "sig",
    "client_secret",
    "auth",
    "private_key",
    "otp",
    "X-Amz-Signature",
    "X-Amz-Credential",
    "X-Amz-Security-Token",
]:
    row(f"query {param}")(lambda ip, lo, s, p=param: _get(f"{ip}/anything", params={p: s}))

row("query value needing encoding", "a+b/c=d e&f-Zq7w-planted")(
    lambda ip, lo, s: _get(f"{ip}/anything", params={"api_key": s, "q": "x"})
)
row("query typed into the URL")(lambda ip, lo, s: _get(f"{ip}/get?page=2&token={s}"))

# -- JSON bodies ---------------------------------------------------------------------------------
row("json password")(lambda ip, lo, s: _post(f"{ip}/post", json={"user": "ada", "password": s}))
row("json nested three deep")(
    lambda ip, lo, s: _post(f"{ip}/anything", json={"a": {"b": {"c": {"api_key": s}}}})
)
row("json list value first")(
    lambda ip, lo, s: _post(f"{ip}/post", json={"secret": [s, "other-list-value"]})
)
row("json list value second")(
    lambda ip, lo, s: _post(f"{ip}/post", json={"tokens_list": 1, "token": ["first-x", s]})
)
row("json dict value")(
    lambda ip, lo, s: _post(f"{ip}/post", json={"credentials": {"user": "ada", "pass": s}})
)
row("json number value", "98765432101234")(
    lambda ip, lo, s: _post(f"{ip}/post", json={"pin_code": 1, "password": int(s)})
)
row("json in a list of objects")(
    lambda ip, lo, s: _post(f"{ip}/post", json=[{"client_id": "app-1", "client_secret": s}])
)
row("json code")(lambda ip, lo, s: _post(f"{ip}/post", json={"grant": "x", "code": s}))
row("json appid")(lambda ip, lo, s: _post(f"{ip}/post", json={"appid": s}))
row("json auth dict")(lambda ip, lo, s: _post(f"{ip}/post", json={"auth": {"bearer": s}}))
row("json refresh_token")(lambda ip, lo, s: _post(f"{ip}/put", json={"refresh_token": s}))
row("json camelCase apiKey")(lambda ip, lo, s: _post(f"{ip}/post", json={"apiKey": s}))
row("json quotes and backslash", 'pa"ss\\word-planted-Zq7w')(
    lambda ip, lo, s: _post(f"{ip}/post", json={"password": s})
)
row("json without a content type")(
    lambda ip, lo, s: _post(f"{ip}/post", data=json.dumps({"password": s}))
)
row("json labelled text/plain")(
    lambda ip, lo, s: _post(
        f"{ip}/post", data=json.dumps({"api_key": s}), headers={"Content-Type": "text/plain"}
    )
)
row("json secret field named Secret-Value")(
    lambda ip, lo, s: _post(f"{ip}/post", json={"X-Api-Secret-Value": s})
)

# -- form bodies ---------------------------------------------------------------------------------
for field in ["password", "client_secret", "code", "api_key", "token"]:
    row(f"form {field}")(
        lambda ip, lo, s, f=field: _post(f"{ip}/post", data={"username": "ada", f: s})
    )
row("form value needing encoding", "pass word+plus&amp-Zq7w")(
    lambda ip, lo, s: _post(f"{ip}/post", data={"password": s})
)
row("form as a raw string")(
    lambda ip, lo, s: _post(
        f"{ip}/post",
        data=f"username=ada&password={s}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
)
row("form without a content type")(lambda ip, lo, s: _post(f"{ip}/post", data=f"password={s}"))
row("multipart form field")(
    lambda ip, lo, s: _post(
        f"{ip}/post", data={"password": s}, files={"f": ("a.txt", b"hello", "text/plain")}
    )
)

# -- cookies set by the server, redirects ---------------------------------------------------
row("set-cookie in a redirect hop")(lambda ip, lo, s: _get(f"{ip}/cookies/set?flavor={s}"))
row("set-cookie second of a merged header")(
    lambda ip, lo, s: _get(f"{ip}/cookies/set?first=one-value&second={s}")
)
row("secret in a redirect target")(
    lambda ip, lo, s: _get(f"{ip}/redirect-to", params={"url": f"/anything?api_key={s}"})
)

# -- over a real socket on 127.0.0.1 -------------------------------------------------------------
row("loopback user info password")(
    lambda ip, lo, s: _get(lo.replace("http://", f"http://ada:{s}@") + "/anything")
)
row("loopback bearer header")(
    lambda ip, lo, s: _get(f"{lo}/anything", headers={"Authorization": f"Bearer {s}"})
)
row("loopback query key")(lambda ip, lo, s: _get(f"{lo}/anything", params={"api_key": s}))
row("loopback form password")(lambda ip, lo, s: _post(f"{lo}/post", data={"password": s}))
row("loopback json without content type")(
    lambda ip, lo, s: _post(f"{lo}/post", data=json.dumps({"jwt": s}))
)
row("loopback cookie")(lambda ip, lo, s: _get(f"{lo}/cookies", cookies={"sessionid": s}))


@pytest.fixture
def sim_on():
    simulate(quiet=True)
    yield HTTPBIN
    stop()


@pytest.fixture(scope="module")
def loopback():
    with serve("httpbin.org") as base_url:
        yield base_url


def _exchange_text(r: requests.Response) -> str:
    """Everything that went over the wire, unredacted: to prove a row really planted its secret."""
    parts = []
    for hop in [*r.history, r]:
        body = hop.request.body or b""
        parts += [hop.request.url or "", str(hop.request.headers), str(hop.headers), hop.text]
        parts.append(body.decode("utf-8", "replace") if isinstance(body, bytes) else body)
    return "\n".join(parts)


def test_at_least_72_credential_forms():
    assert len(ROWS) >= 72
    assert len({r.secret for r in ROWS}) == len(ROWS), "each row plants its own secret"


@pytest.mark.parametrize("case", ROWS, ids=[r.name for r in ROWS])
def test_secret_never_printed(case: Row, request, capsys):
    r = case.send(request.getfixturevalue("loopback" if case.loopback else "sim_on"))
    sent = _exchange_text(r)
    assert any(form in sent for form in _variants(case.secret)), "the row planted nothing"
    show(r)
    printed = capsys.readouterr().out
    full = render(r, max_lines=10_000, width=100_000)
    for text in (printed, full):
        assert case.secret not in text
        leaked = [form for form in _variants(case.secret) if form in text]
        assert not leaked, f"{case.name}: {leaked} in\n{text}"
    assert MASK in full


# -- what must stay visible ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "param", ["page_token", "pageToken", "next_page_token", "cursor", "after_id", "next_page", "id"]
)
def test_cursors_and_ids_stay_visible(param, sim_on):
    value = f"visible-{param}-1234"
    text = render(_get(f"{HTTPBIN}/anything", params={param: value}), max_lines=100)
    assert f"{param}={value}" in text and f'"{param}": "{value}"' in text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_tokens", 1024),
        ("input_tokens", 3210),
        ("key_name", "visible-key-name"),
        ("request_id", "req_visible_0001"),
        ("title", "buy milk today"),
    ],
)
def test_ordinary_json_fields_stay_visible(field, value, sim_on):
    text = render(_post(f"{HTTPBIN}/post", json={field: value}), max_lines=100)
    assert f'"{field}": {json.dumps(value)}' in text


def test_ordinary_headers_and_usernames_stay_visible(sim_on):
    r = _get(
        f"{HTTPBIN}/basic-auth/ada/pw-visible-test",
        auth=("ada", "pw-visible-test"),
        headers={"X-Request-Id": "req-visible-42"},
    )
    text = render(r)
    assert "X-Request-Id: req-visible-42" in text and '"user": "ada"' in text
    assert "pw-visible-test" not in text


def test_error_codes_in_responses_stay_visible(sim_on):
    text = render(_get("https://api.example.com/todos/99999"), max_lines=100)
    assert '"code": "not_found"' in text


def test_user_info_url_shows_and_does_not_crash(loopback):
    r = _get(loopback.replace("http://", "http://ada:pw-userinfo-Zq7w@") + "/get")
    text = render(r)
    assert "pw-userinfo-Zq7w" not in text
    assert "> Host: 127.0.0.1:" in text and "Authorization: Basic [redacted]" in text


def test_short_form_passwords_are_hidden_by_name(sim_on):
    text = render(_post(f"{HTTPBIN}/post", data={"user": "ada", "password": "pw1"}))
    assert f"user=ada&password={MASK}" in text


def test_merged_set_cookie_masks_every_cookie():
    merged = "a=first-Zq7w; Path=/, b=second-Zq7w; Expires=Thu, 01 Jan 2030 00:00:00 GMT; HttpOnly"
    masked = mask_header("Set-Cookie", merged)
    assert "first-Zq7w" not in masked and "second-Zq7w" not in masked
    assert masked == (
        f"a={MASK}; Path=/, b={MASK}; Expires=Thu, 01 Jan 2030 00:00:00 GMT; HttpOnly"
    )
