"""Server-sent events for ``"stream": true``, in the real order and shapes.

``message_start`` -> for each text block: ``content_block_start`` (the first one followed by
``ping``), a ``content_block_delta`` per chunk of three words, ``content_block_stop`` ->
``message_delta`` (stop_reason, stop_sequence, usage.output_tokens) -> ``message_stop``.
Each event is ``event: NAME\\ndata: JSON\\n\\n``. With a queued stream fault the body stops
after the first delta with ``event: error`` (an overloaded_error), as a real stream can.

:func:`unicode_events` builds the stream :func:`~helpers.services.anthropic.queue_unicode_stream`
asks for: text with U+2028/U+2029 and multi-byte characters, one of them split across the
512-byte boundary, ending in ``event: error``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .._common import simulated_sleep
from .errors import to_json
from .replies import Reply

WORDS_PER_CHUNK = 3
WORD_RE = re.compile(r"\s*\S+(?:\s+$)?")


def overloaded_event() -> str:
    error = {"type": "overloaded_error", "message": "Overloaded"}
    return sse("error", {"type": "error", "error": error})


def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {to_json(data)}\n\n"


def chunks(text: str) -> list[str]:
    """Pieces of a few words each whose concatenation is exactly ``text``."""
    words = WORD_RE.findall(text) or [text]
    return ["".join(words[i : i + WORDS_PER_CHUNK]) for i in range(0, len(words), WORDS_PER_CHUNK)]


def events(
    message: dict, reply: Reply, *, delay: float = 0.0, fail_mid_stream: bool = False
) -> Iterator[str]:
    """The event stream for ``message`` (the non-streaming body) and its ``reply``."""
    usage = message["usage"]
    start = {**message, "content": [], "stop_reason": None, "stop_sequence": None}
    start["usage"] = {**usage, "output_tokens": min(1, usage["output_tokens"])}
    yield sse("message_start", {"type": "message_start", "message": start})
    if not reply.blocks:
        yield sse("ping", {"type": "ping"})
    for index, text in enumerate(reply.blocks):
        block_start = {"type": "text", "text": ""}
        yield sse(
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": block_start},
        )
        if index == 0:
            yield sse("ping", {"type": "ping"})
        for chunk in chunks(text):
            if delay > 0:
                simulated_sleep(delay)
            delta = {"type": "text_delta", "text": chunk}
            yield sse(
                "content_block_delta",
                {"type": "content_block_delta", "index": index, "delta": delta},
            )
            if fail_mid_stream:
                yield overloaded_event()
                return
        yield sse("content_block_stop", {"type": "content_block_stop", "index": index})
    if fail_mid_stream:  # a reply without text blocks: fail before the end
        yield overloaded_event()
        return
    delta = {"stop_reason": reply.stop_reason, "stop_sequence": reply.stop_sequence}
    yield sse(
        "message_delta",
        {"type": "message_delta", "delta": delta, "usage": {"output_tokens": reply.output_tokens}},
    )
    yield sse("message_stop", {"type": "message_stop"})


# ---------------------------------------------------------------- the "hard to parse" stream
# Text that breaks naive SSE readers: U+2028/U+2029 inside JSON strings (str.splitlines() and
# iter_lines(decode_unicode=True) split lines there), and 2-, 3- and 4-byte UTF-8 characters.
UNICODE_PREFIX = "Unicode check: café, naïve, Straße, 日本語 and "
UNICODE_REST = (
    "🎉 👍.\u2028This sentence follows a LINE SEPARATOR (U+2028) inside the JSON string.\u2029"
    "And this one a PARAGRAPH SEPARATOR (U+2029); the stream then breaks off."
)
SPLIT_CHARACTER = "🎉"
BOUNDARY = 512  # iter_lines' default chunk size; a multiple of every smaller power of two


def unicode_text(pad: int) -> str:
    return UNICODE_PREFIX + " " * pad + UNICODE_REST


def unicode_events(message: dict, text: str) -> bytes:
    """The whole body: start, ping, every delta of ``text``, then ``event: error`` (overloaded)
    where ``content_block_stop`` should have come."""
    start = {**message, "content": [], "stop_reason": None, "stop_sequence": None}
    start["usage"] = {**message["usage"], "output_tokens": 1}
    parts = [sse("message_start", {"type": "message_start", "message": start})]
    block_start = {"type": "content_block_start", "index": 0}
    block_start["content_block"] = {"type": "text", "text": ""}
    parts.append(sse("content_block_start", block_start))
    parts.append(sse("ping", {"type": "ping"}))
    for chunk in chunks(text):
        delta = {"type": "text_delta", "text": chunk}
        parts.append(
            sse("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta})
        )
    parts.append(overloaded_event())
    return "".join(parts).encode("utf-8")


def aligned_unicode_body(build: Callable[[str], bytes]) -> tuple[str, bytes]:
    """``(text, body)`` with the text padded (spaces) so that the 4-byte 🎉 straddles byte 512
    of the body: any chunk size that divides 512 cuts it in two."""
    target = BOUNDARY - 2
    for pad in range(BOUNDARY):
        text = unicode_text(pad)
        body = build(text)
        if body.find(SPLIT_CHARACTER.encode()) % BOUNDARY == target:
            return text, body
    raise AssertionError("no padding aligns the split character")  # unreachable


def byte_pieces(body: bytes, *, delay: float = 0.0) -> Iterator[bytes]:
    """The body in 512-byte pieces (served on 127.0.0.1, characters really arrive split)."""
    for index in range(0, len(body), BOUNDARY):
        if delay > 0 and index:
            simulated_sleep(delay)
        yield body[index : index + BOUNDARY]
