"""show(): the wire view and its redaction of secrets."""

from __future__ import annotations

import pytest
import requests

from helpers import show
from helpers.redact import MASK, is_secret_header, is_secret_name, is_secret_param, mask_url
from helpers.wire import render


def test_request_and_response_lines(sim):
    r = requests.get("https://httpbin.org/get", params={"q": "x y"}, timeout=5)
    text = render(r)
    assert text.startswith("> GET /get?q=x+y HTTP/1.1\n> Host: httpbin.org\n")
    assert "< HTTP/1.1 200 OK" in text and "< Content-Type: application/json" in text
    assert '\n  "url": "https://httpbin.org/get?q=x+y"' in text, "JSON is pretty-printed"


def test_every_redirect_hop_is_shown(sim):
    text = render(requests.get("https://httpbin.org/redirect/2", timeout=5))
    assert text.count("> GET ") == 3 and text.count("< HTTP/1.1 302") == 2
    assert "redirect 2 of 2: following to https://httpbin.org/get" in text


def test_secrets_are_redacted_everywhere(sim):
    r = requests.get(
        "https://httpbin.org/anything",
        params={"api_key": "query-secret-123"},
        headers={"Authorization": "Bearer header-secret-456", "x-api-key": "other-secret-789"},
        cookies={"session": "cookie-secret-000"},
        timeout=5,
    )
    text = render(r, max_lines=200)
    for secret in (
        "query-secret-123",
        "header-secret-456",
        "other-secret-789",
        "cookie-secret-000",
    ):
        assert secret not in text
    assert "Authorization: Bearer [redacted]" in text
    assert "api_key=[redacted]" in text


def test_basic_auth_is_redacted(sim):
    r = requests.get("https://httpbin.org/basic-auth/ada/pw123", auth=("ada", "pw123"), timeout=5)
    text = render(r)
    assert "Authorization: Basic [redacted]" in text and "YWRh" not in text


def test_multipart_is_summarised_and_boundary_hidden(sim):
    files = {"image": ("cat.png", b"\x89PNG\r\n\x1a\n" + bytes(500), "image/png")}
    text = render(requests.post("https://httpbin.org/post", files=files, timeout=5), max_lines=3)
    assert 'name="image"; filename="cat.png"; Content-Type: image/png; 508 bytes' in text
    assert "boundary=<32 random hex digits>" in text


def test_long_bodies_are_truncated(sim):
    text = render(requests.get("https://httpbin.org/json", timeout=5), max_lines=5)
    assert "more lines)" in text


def test_html_and_binary_bodies(sim):
    assert "<!DOCTYPE html>" in render(requests.get("https://httpbin.org/html", timeout=5))
    png = render(requests.get("https://httpbin.org/image/png", timeout=5))
    assert "bytes of image/png, not shown" in png


def test_streamed_body_is_not_consumed(sim):
    r = requests.get("https://httpbin.org/get", stream=True, timeout=5)
    assert "body not read yet" in render(r)
    assert r.json()["url"] == "https://httpbin.org/get"


def test_show_rejects_non_responses_with_a_clear_message():
    with pytest.raises(TypeError, match="takes the Response"):
        show({"status": 200})


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("Authorization", True),
        ("x-api-key", True),
        ("api_key", True),
        ("access_token", True),
        ("Cookie", True),
        ("client_secret", True),
        ("apiKey", True),
        ("input_tokens", False),
        ("max_tokens", False),
        ("key_name", False),
        ("X-RateLimit-Remaining", False),
        ("Access-Control-Allow-Credentials", False),
        ("X-Api-Secret-Value", True),
        ("appid", True),
        ("jwt", True),
        ("sessionid", True),
        ("X-Amz-Credential", True),
        ("page_token", False),
        ("nextPageToken", False),
        ("cursor", False),
        ("request_id", False),
        ("code", False),  # an error code in a response; as a query parameter it is secret
    ],
)
def test_secret_names(name, secret):
    assert is_secret_name(name) is secret


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("X-Auth-Token", True),
        ("X-Session-Id", True),
        ("Private-Token", True),
        ("X-Csrf-Token", True),
        ("github-authentication-token-expiration", False),
        ("X-OAuth-Scopes", False),
        ("anthropic-ratelimit-tokens-remaining", False),
        ("X-Request-Id", False),
        ("WWW-Authenticate", False),
    ],
)
def test_secret_header_names(name, secret):
    assert is_secret_header(name) is secret


def test_query_parameters_include_one_time_codes():
    assert is_secret_param("code") and is_secret_param("otp") and not is_secret_param("page")
    assert mask_url("https://h/cb?code=abcd1234&state=xyz") == f"https://h/cb?code={MASK}&state=xyz"


def test_mask_url_keeps_other_parameters_exactly():
    assert mask_url("https://h/p?a=1&b=x%20y") == "https://h/p?a=1&b=x%20y"
    assert mask_url("https://h/p?a=1&token=abc") == f"https://h/p?a=1&token={MASK}"
    assert mask_url("https://u:pw@h/") == f"https://u:{MASK}@h/"
