"""Hide secrets before anything is printed: by name and by value.

By name: header values, query parameters, form fields and JSON fields whose names say they
hold a credential (``Authorization``, ``X-API-Key``, ``api_key``, ``appid``, ``password``, ...).
By value: every secret a request carried is collected (:func:`request_secrets`) and scrubbed
wherever it appears again (:func:`scrub`): echoed bodies, URLs, redirects, other headers.
Cursors and ids (``page_token``, ``cursor``, ``after_id``, ``request_id``) are not secrets.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

MASK = "[redacted]"

# A name is secret when its last word is one of these: "x-api-key", "access_token" and
# "client_secret" are; "input_tokens", "key_name" and "max_tokens" are not.
_SECRET_LAST_WORDS = {
    "apikey",
    "appid",
    "auth",
    "authorization",
    "cookie",
    "credential",
    "credentials",
    "jwt",
    "key",
    "passphrase",
    "passwd",
    "password",
    "passwords",
    "pwd",
    "secret",
    "secrets",
    "session",
    "sessionid",
    "sig",
    "signature",
    "token",
}
# Words that make a name secret wherever they stand: "X-Api-Secret-Value", "password_hash".
_SECRET_ANY_WORDS = {
    "apikey",
    "authorization",
    "credential",
    "credentials",
    "jwt",
    "passphrase",
    "passwd",
    "password",
    "passwords",
    "secret",
    "secrets",
    "signature",
}
# Header names also count as secret when any word says token/key/auth/session...
_HEADER_WORDS = {"auth", "cookie", "key", "session", "sessionid", "token"}
# ...unless the name describes the credential rather than holding it.
_HARMLESS_TAILS = {
    "count",
    "expiration",
    "expires",
    "expiry",
    "limit",
    "remaining",
    "reset",
    "scopes",
    "type",
    "used",
    "version",
}
# Query strings and request bodies also carry these (OAuth's one-time ``code``, ``otp``).
_PARAM_NAMES = {"code", "otp", "client_assertion"}
# Cursors are tokens for a page, not for a person: "page_token", "nextPageToken", "cursor".
_CURSOR_WORDS = {"page", "cursor", "next", "prev", "previous", "continuation", "pagination"}

_WORD_SPLIT = re.compile(r"[-_\s.]+|(?<=[a-z0-9])(?=[A-Z])")
_AUTH_SCHEME = re.compile(r"^(Bearer|Basic|Digest|token|Token)\s+\S.*$", re.DOTALL)
# One cookie of a (possibly merged, comma-separated) Set-Cookie value: name=value at the start
# or after a comma. Attributes follow a ";", and the comma inside "Expires=Thu, 01 Jan" is
# followed by no "name=", so neither matches.
_SET_COOKIE_PAIR = re.compile(r"(^|,)(\s*)([^=;,\s]+)=([^;,]*)")
_MULTIPART_FIELD = re.compile(
    rb'name="([^"]+)"(?:(?!filename=)[^\r\n])*\r\n(?:[^\r\n]+\r\n)*\r\n(.*?)\r\n--', re.DOTALL
)
_MIN_LENGTH = 4  # shorter values would mask ordinary words and numbers everywhere


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(name) if w]


def _is_cursor(words: list[str]) -> bool:
    return any(w in _CURSOR_WORDS for w in words)


def is_secret_name(name: str) -> bool:
    """Header, parameter or JSON field names whose values are secrets."""
    words = _words(str(name))
    if not words or _is_cursor(words) or name.lower().startswith("access-control-"):
        return False
    return words[-1] in _SECRET_LAST_WORDS or any(w in _SECRET_ANY_WORDS for w in words)


def is_secret_header(name: str) -> bool:
    """Header names: also any name with a token/key/auth/session word (``X-Auth-User``)."""
    if is_secret_name(name):
        return True
    words = _words(name)
    if not words or _is_cursor(words) or name.lower().startswith("access-control-"):
        return False
    return words[-1] not in _HARMLESS_TAILS and any(w in _HEADER_WORDS for w in words)


def is_secret_param(name: str) -> bool:
    """Query, form and request-body names: also OAuth's ``code`` and one-time passwords."""
    return is_secret_name(name) or str(name).lower() in _PARAM_NAMES


def mask_header(name: str, value: str) -> str:
    """``Authorization: Bearer abc`` -> ``Bearer [redacted]``; cookies keep their names."""
    if not is_secret_header(name):
        return value
    lowered = name.lower()
    if lowered in {"authorization", "proxy-authorization"}:
        match = _AUTH_SCHEME.match(value)
        return f"{match.group(1)} {MASK}" if match else MASK
    if lowered == "cookie":
        return "; ".join(f"{part.split('=', 1)[0].strip()}={MASK}" for part in value.split(";"))
    if lowered == "set-cookie":
        return _SET_COOKIE_PAIR.sub(lambda m: f"{m[1]}{m[2]}{m[3]}={MASK}", value)
    return MASK


def mask_query(query: str, secret: Callable[[str], bool] = is_secret_param) -> str:
    """A query string with the values of secret-named parameters masked."""
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    masked = [(k, MASK if secret(k) else v) for k, v in pairs]
    # leave the learner's exact encoding alone when nothing is secret
    return query if masked == pairs else urlencode(masked, safe="[]")


def mask_netloc(netloc: str) -> str:
    """``user:password@host`` -> ``user:[redacted]@host`` (no parsing, so it never raises)."""
    userinfo, at, host = netloc.rpartition("@")
    if not at:
        return netloc
    user, colon, _ = userinfo.partition(":")
    return f"{user}:{MASK}@{host}" if colon else netloc


def mask_url(url: str) -> str:
    """Mask the values of key-like query parameters and of any password in the URL.

    The result is for printing: ``[redacted]`` in the user information makes it an invalid
    URL for :func:`urllib.parse.urlsplit`, so never parse it again.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = mask_netloc(parts.netloc)
    query = mask_query(parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# -- collecting the secrets a request carried -------------------------------------------------
def header_secrets(name: str, value: str) -> set[str]:
    """The literal secrets in one header (every cookie's value, a Basic password, ...)."""
    if not is_secret_header(name):
        return set()
    lowered = name.lower()
    values: set[str] = set()
    if lowered in {"authorization", "proxy-authorization"}:
        scheme, _, credentials = value.strip().partition(" ")
        if credentials:
            values.add(credentials.strip())
            if scheme.lower() == "basic":
                values.update(_basic_secrets(credentials.strip()))
        else:
            values.add(value.strip())
    elif lowered == "cookie":
        values.update(p.split("=", 1)[-1].strip() for p in value.split(";"))
    elif lowered == "set-cookie":
        values.update(m[4].strip() for m in _SET_COOKIE_PAIR.finditer(value))
    else:
        values.add(value.strip())
    return values


def _basic_secrets(token: str) -> set[str]:
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return set()
    _, colon, password = decoded.partition(":")
    return {password} if colon else set()


def json_secrets(value: object, inside: bool = False) -> set[str]:
    """Every leaf under a secret-named field, at any depth and of any type."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found |= json_secrets(v, inside or is_secret_param(str(k)))
    elif isinstance(value, list):
        for v in value:
            found |= json_secrets(v, inside)
    elif inside and value is not None and not isinstance(value, bool):
        found.add(str(value))
    return found


def body_secrets(body: bytes | str | None) -> set[str]:
    """Secrets in a request body: JSON (whatever its Content-Type), form or multipart fields."""
    if not body:
        return set()
    raw = body if isinstance(body, bytes) else str(body).encode("utf-8", "replace")
    found: set[str] = set()
    for name, value in _MULTIPART_FIELD.findall(raw[:1_000_000]):
        if is_secret_param(name.decode("utf-8", "replace")):
            found.add(value.decode("utf-8", "replace"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return found
    try:
        found |= json_secrets(json.loads(text))
    except (ValueError, RecursionError):
        if "=" in text:
            found |= {v for k, v in parse_qsl(text, keep_blank_values=True) if is_secret_param(k)}
    return found


def request_secrets(headers: Iterable[tuple[str, str]], url: str, body: object = None) -> set[str]:
    """The literal secrets in a request, so that echoes of them can be scrubbed anywhere."""
    values: set[str] = set()
    for name, value in headers:
        values |= header_secrets(name, value)
    try:
        parts = urlsplit(url)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        values |= {v for k, v in pairs if is_secret_param(k)}
        if parts.password:
            values.add(parts.password)
    except ValueError:
        pass
    if isinstance(body, (bytes, str)):
        values |= body_secrets(body)
    return {v for v in values if len(v) >= _MIN_LENGTH}


def secret_values(headers: Iterable[tuple[str, str]], url: str) -> set[str]:
    """Secrets in headers and URL only (kept for callers that have no body)."""
    return request_secrets(headers, url)


def _variants(secret: str) -> set[str]:
    """The ways a secret is written when echoed: raw, URL-encoded, JSON-escaped."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}
    forms |= {json.dumps(f)[1:-1] for f in list(forms)}
    forms |= {json.dumps(f, ensure_ascii=False)[1:-1] for f in list(forms)}
    forms |= {json.dumps(f)[1:-1] for f in list(forms)}  # a JSON string inside a JSON string
    return {f for f in forms if len(f) >= _MIN_LENGTH}


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in ``text`` (longest first), in any encoding."""
    forms: set[str] = set()
    for secret in secrets:
        if len(secret) >= _MIN_LENGTH:
            forms |= _variants(secret)
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


def mask_json(value: object) -> object:
    """A copy of a JSON value with secret-named fields masked, at any depth.

    A secret field's whole value is hidden, whatever its type (a list of keys, a dict of
    credentials); a string keeps its scheme (``"Bearer [redacted]"``); ``null`` stays.
    """
    if isinstance(value, dict):
        return {k: _mask_field(str(k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_json(v) for v in value]
    return value


def _mask_field(name: str, value: object) -> object:
    if not is_secret_name(name):
        return mask_json(value)
    if isinstance(value, str):
        return mask_header(name, value) if is_secret_header(name) else MASK
    return value if value is None else MASK
