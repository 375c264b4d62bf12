"""Server-sent events for ``"stream": true``, in the real order and shapes.

``message_start`` -> for each text block: ``content_block_start`` (the first one followed by
``ping``), a ``content_block_delta`` per chunk of three words, ``content_block_stop`` ->
``message_delta`` (stop_reason, stop_sequence, usage.output_tokens) -> ``message_stop``.
Each event is ``event: NAME\\ndata: JSON\\n\\n``. With a queued stream fault the body stops
after the first delta with ``event: error`` (an overloaded_error), as a real stream can.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
