"""Streams that break naive readers: ``queue_unicode_stream`` (U+2028/U+2029 in JSON strings,
a multi-byte character split at a 512-byte boundary, ``event: error`` at the end) and
``queue_stream_error``, read through requests, in-process and on a real socket."""

from __future__ import annotations

import codecs
import json

import pytest
import requests

from helpers.loopback import LoopbackServer
from helpers.services.anthropic import (
    HOST,
    create_app,
    queue_stream_error,
    queue_unicode_stream,
)
from helpers.services.anthropic.streaming import SPLIT_CHARACTER

API = "https://api.anthropic.com/v1/messages"
HEADERS = {"x-api-key": "demo-anthropic-key", "anthropic-version": "2023-06-01"}
BODY = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 200,
    "stream": True,
    "messages": [{"role": "user", "content": "What is JSON?"}],
}


def read_events(response):
    """A correct SSE reader: bytes in, an incremental UTF-8 decoder, lines split on \\n only."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    buffer, event, data, events = "", None, [], []
    for chunk in response.iter_content(chunk_size=512):
        buffer += decoder.decode(chunk)
        *lines, buffer = buffer.split("\n")
        for line in lines:
            line = line.removesuffix("\r")
            if line == "":
                if data:
                    events.append((event or "message", json.loads("\n".join(data))))
                event, data = None, []
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
    return events


def text_of(events):
    return "".join(
        payload["delta"]["text"] for name, payload in events if name == "content_block_delta"
    )


@pytest.fixture
def app(sim):
    return sim.app(HOST)


def post_stream(url=API):
    return requests.post(url, json=BODY, headers=HEADERS, stream=True, timeout=5)


def test_the_unicode_stream_parses_with_a_byte_level_reader(app):
    queue_unicode_stream(app)
    with post_stream() as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = read_events(response)
    names = [name for name, _ in events]
    assert names[:3] == ["message_start", "content_block_start", "ping"]
    assert set(names[3:-1]) == {"content_block_delta"}
    assert events[-1] == (
        "error",
        {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
    )
    text = text_of(events)
    for piece in ("\u2028", "\u2029", "café", "Straße", "日本語", SPLIT_CHARACTER, "👍"):
        assert piece in text


def test_the_unicode_stream_is_queued_once(app):
    queue_unicode_stream(app)
    with post_stream() as first:
        first_text = text_of(read_events(first))
    with post_stream() as second:
        events = read_events(second)
    assert "\u2028" in first_text
    assert "\u2028" not in text_of(events)
    assert events[-1][0] == "message_stop"


def test_iter_lines_with_decode_unicode_breaks_the_json(app):
    queue_unicode_stream(app)
    with post_stream() as response:
        lines = list(response.iter_lines(decode_unicode=True))
    data_lines = [line for line in lines if line.startswith("data:")]
    broken = []
    for line in data_lines:
        try:
            json.loads(line[5:])
        except json.JSONDecodeError:
            broken.append(line)
    assert broken, "a data line cut at U+2028 should not parse"
    orphans = [line for line in lines if line and not line.startswith(("event:", "data:"))]
    assert 'This sentence follows"}}' in orphans  # the rest of a line cut at U+2028


def test_decoding_each_chunk_on_its_own_fails_on_the_split_character(app):
    queue_unicode_stream(app)
    with post_stream() as response:
        raw = response.raw.read()
    position = raw.find(SPLIT_CHARACTER.encode())
    assert position % 512 == 510  # bytes 510-513 of a 512-byte window: cut at the boundary
    with pytest.raises(UnicodeDecodeError):
        for start in range(0, len(raw), 512):
            raw[start : start + 512].decode("utf-8")


def test_stream_error_control_still_breaks_a_normal_stream(app):
    queue_stream_error(app)
    with post_stream() as response:
        events = read_events(response)
    assert [name for name, _ in events] == [
        "message_start",
        "content_block_start",
        "ping",
        "content_block_delta",
        "error",
    ]


def test_on_a_socket_the_unicode_stream_arrives_in_pieces_and_still_parses():
    app = create_app()
    queue_unicode_stream(app)
    server = LoopbackServer(app).start()
    try:
        with post_stream(f"{server.base_url}/v1/messages") as response:
            assert response.headers.get("transfer-encoding") == "chunked"
            events = read_events(response)
    finally:
        server.stop()
    assert SPLIT_CHARACTER in text_of(events)
    assert events[-1][0] == "error"
