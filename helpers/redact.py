"""Hide secrets before anything is printed: header values, query parameters, echoed bodies."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "[redacted]"

# A name is secret when its last word is one of these: "x-api-key", "access_token" and
# "client_secret" are; "input_tokens", "key_name" and "max_tokens" are not.
_SECRET_LAST_WORDS = {
    "authorization",
    "key",
    "apikey",
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "cookie",
    "signature",
    "sig",
    "auth",
}
_WORD_SPLIT = re.compile(r"[-_\s.]+|(?<=[a-z])(?=[A-Z])")
_AUTH_SCHEME = re.compile(r"^(Bearer|Basic|Digest|token|Token)\s+\S.*$")


def is_secret_name(name: str) -> bool:
    """Header, parameter or JSON field names whose values are secrets."""
    words = [w for w in _WORD_SPLIT.split(name) if w]
    return bool(words) and words[-1].lower() in _SECRET_LAST_WORDS


def mask_header(name: str, value: str) -> str:
    """``Authorization: Bearer abc`` -> ``Bearer [redacted]``; cookies keep their names."""
    if not is_secret_name(name):
        return value
    lowered = name.lower()
    if lowered in {"authorization", "proxy-authorization"}:
        match = _AUTH_SCHEME.match(value)
        return f"{match.group(1)} {MASK}" if match else MASK
    if lowered == "cookie":
        return "; ".join(f"{part.split('=', 1)[0].strip()}={MASK}" for part in value.split(";"))
    if lowered == "set-cookie":
        first, _, rest = value.partition(";")
        return f"{first.split('=', 1)[0]}={MASK}" + (f";{rest}" if rest else "")
    return MASK


def mask_url(url: str) -> str:
    """Mask the values of key-like query parameters and of any password in the URL."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password:
        netloc = netloc.replace(f":{parts.password}@", f":{MASK}@")
    if not parts.query:
        return urlunsplit(parts._replace(netloc=netloc))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    masked = [(k, MASK if is_secret_name(k) else v) for k, v in pairs]
    # leave the learner's exact encoding alone when nothing is secret
    query = parts.query if masked == pairs else urlencode(masked, safe="[]")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def secret_values(headers: Iterable[tuple[str, str]], url: str) -> set[str]:
    """The literal secrets in a request, so that echoes of them can be scrubbed anywhere."""
    values: set[str] = set()
    for name, value in headers:
        if not is_secret_name(name):
            continue
        if name.lower() in {"authorization", "proxy-authorization"}:
            match = _AUTH_SCHEME.match(value)
            value = value.split(None, 1)[1] if match else value
        if name.lower() == "cookie":
            values.update(p.split("=", 1)[-1].strip() for p in value.split(";"))
        else:
            values.add(value.strip())
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if is_secret_name(name):
            values.add(value)
    password = urlsplit(url).password
    if password:
        values.add(password)
    return {v for v in values if len(v) >= 4}


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in ``text`` (longest first)."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def mask_json(value: object) -> object:
    """A copy of a JSON value with secret-named fields masked, at any depth."""
    if isinstance(value, dict):
        return {
            k: (
                mask_header(str(k), v)
                if is_secret_name(str(k)) and isinstance(v, str)
                else mask_json(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_json(v) for v in value]
    return value
