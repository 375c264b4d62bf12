"""``show(response)``: what went over the wire, like ``curl -v``, with secrets redacted.

Every hop is shown: for a redirected request, each request and its 3xx answer come first, then
the final exchange. Bodies are pretty-printed when they are JSON, summarised when they are
multipart or binary, and cut after a few lines so a cell's output stays readable.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import requests

from helpers.redact import (
    header_secrets,
    mask_header,
    mask_json,
    mask_query,
    mask_url,
    request_secrets,
    scrub,
)

_BOUNDARY = re.compile(r"(boundary=)[0-9a-fA-F]{32}")
_SERVER_VERSION = re.compile(r"Werkzeug/[\d.]+ Python/[\d.]+")
_REASONS = requests.status_codes._codes  # type: ignore[attr-defined]


def show(
    response: requests.Response, *, max_lines: int = 20, width: int = 100, hops: bool = True
) -> None:
    """Print the request(s) and response(s) behind ``response``.

    ``max_lines`` limits each body; ``hops=False`` shows only the final exchange.
    """
    if not isinstance(response, requests.Response):
        raise TypeError(
            f"show() takes the Response that requests returned, not {type(response).__name__}; "
            "for example: r = requests.get(url, timeout=5); show(r)"
        )
    print(render(response, max_lines=max_lines, width=width, hops=hops))


def render(
    response: requests.Response, *, max_lines: int = 20, width: int = 100, hops: bool = True
) -> str:
    chain = [*response.history, response] if hops else [response]
    secrets = chain_secrets([*response.history, response])
    blocks = []
    for number, hop in enumerate(chain, start=1):
        final = hop is response
        lines = _request_lines(hop.request, secrets, max_lines, width)
        lines += _response_lines(hop, secrets, max_lines, width, body=final)
        if not final:
            target = scrub(mask_url(chain[number].url), secrets)
            lines.append(f"  ↪ redirect {number} of {len(chain) - 1}: following to {target}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def chain_secrets(chain: list[requests.Response]) -> set[str]:
    """Every secret sent or set anywhere in a redirect chain: each is hidden in every hop."""
    secrets: set[str] = set()
    for hop in chain:
        request = hop.request
        secrets |= request_secrets(request.headers.items(), request.url or "", request.body)
        for name, value in hop.headers.items():
            if name.lower() == "set-cookie":
                secrets |= header_secrets(name, value)
    return {s for s in secrets if len(s) >= 4}


def _request_lines(
    request: requests.PreparedRequest, secrets: set[str], max_lines: int, width: int
) -> list[str]:
    try:
        url = urlsplit(request.url or "")
        host, path, query = url.netloc.rpartition("@")[2], url.path, url.query
    except ValueError:
        host, path, query = "", request.url or "", ""
    target = (path or "/") + ("?" + mask_query(query) if query else "")
    lines = [scrub(f"> {request.method} {target} HTTP/1.1", secrets), f"> Host: {host}"]
    for name, value in request.headers.items():
        lines.append(f"> {name}: {scrub(_clean_header(name, value), secrets)}")
    lines.append(">")
    body = request.body
    if body:
        raw = body if isinstance(body, bytes) else str(body).encode()
        content_type = request.headers.get("Content-Type", "")
        lines += _body_text(raw, content_type, secrets, max_lines, width, multipart=True)
    return lines


def _response_lines(
    response: requests.Response, secrets: set[str], max_lines: int, width: int, body: bool
) -> list[str]:
    reason = response.reason or _reason(response.status_code)
    lines = [f"< HTTP/1.1 {response.status_code} {reason}"]
    for name, value in response.headers.items():
        lines.append(f"< {name}: {scrub(_clean_header(name, value), secrets)}")
    lines.append("<")
    if not body:
        return lines
    if response._content is False:  # stream=True and nobody has read the body yet
        lines.append("(body not read yet: stream=True; show() leaves it for you to read)")
        return lines
    content = response.content or b""
    if content:
        content_type = response.headers.get("Content-Type", "")
        lines += _body_text(content, content_type, secrets, max_lines, width)
    return lines


def _clean_header(name: str, value: str) -> str:
    value = mask_header(name, value)
    value = _BOUNDARY.sub(r"\1<32 random hex digits>", value)
    return _SERVER_VERSION.sub("Werkzeug Python", value)


def _reason(status: int) -> str:
    names = _REASONS.get(status)
    return names[0].replace("_", " ").upper() if names else ""


def _body_text(
    raw: bytes,
    content_type: str,
    secrets: set[str],
    max_lines: int,
    width: int,
    multipart: bool = False,
) -> list[str]:
    """A body's lines for printing: secrets scrubbed first, then cut to size."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if multipart and kind.startswith("multipart/"):
        return _multipart_summary(raw, content_type).splitlines()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            text = json.dumps(mask_json(json.loads(raw)), indent=2, ensure_ascii=False)
        except (ValueError, RecursionError):
            text = raw.decode("utf-8", "replace") + "\n(not valid JSON, although labelled JSON)"
        return _truncate(scrub(text, secrets), max_lines, width).splitlines()
    if _looks_binary(raw, kind):
        return [f"({len(raw):,} bytes of {kind or 'unlabelled data'}, not shown)"]
    text = raw.decode("utf-8", "replace")
    if kind == "application/x-www-form-urlencoded":
        text = mask_query(text)  # by name too: a short password=... is hidden as well
    return _truncate(scrub(text, secrets), max_lines, width).splitlines()


def _looks_binary(raw: bytes, kind: str) -> bool:
    if kind.startswith(("image/", "audio/", "video/")) or kind == "application/octet-stream":
        return True
    try:
        raw[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return True
    return b"\x00" in raw[:2048]


def _truncate(text: str, max_lines: int, width: int) -> str:
    lines = text.splitlines()
    shown = [line if len(line) <= width else line[: width - 1] + "…" for line in lines[:max_lines]]
    if len(lines) > max_lines:
        shown.append(f"… ({len(lines) - max_lines} more lines)")
    return "\n".join(shown)


def _multipart_summary(raw: bytes, content_type: str) -> str:
    match = re.search(r"boundary=\"?([^\";]+)\"?", content_type)
    if not match:
        return f"({len(raw):,} bytes of multipart data)"
    delimiter = b"--" + match.group(1).encode()
    lines = ["(multipart body, one part per line)"]
    for part in raw.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, data = part.strip(b"\r\n").partition(b"\r\n\r\n")
        headers = head.decode("utf-8", "replace").replace("\r\n", "; ")
        lines.append(f"--- part: {headers}; {len(data):,} bytes")
    return "\n".join(lines)
