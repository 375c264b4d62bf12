# Reference solution: 09-stream-reply
import codecs
import json
import os
import re

import requests

# From the notebook, repeated so that this file runs on its own.
API_URL = "https://api.anthropic.com/v1/messages"
MODEL = "claude-haiku-4-5"


class AnthropicError(Exception):
    """An error answer from the Messages API, with what you need to report it."""

    def __init__(self, status, error_type, message, request_id):
        super().__init__(f"{status} {error_type}: {message} [request-id {request_id}]")
        self.status = status
        self.error_type = error_type
        self.message = message
        self.request_id = request_id


def raise_for_anthropic(r):
    """Raise AnthropicError if `r` is an error response; do nothing for a success."""
    if r.ok:
        return
    try:
        error = r.json()["error"]
        error_type, message = error["type"], error["message"]
    except (ValueError, KeyError, TypeError):
        error_type, message = "unknown", r.text[:200] or r.reason
    raise AnthropicError(r.status_code, error_type, message, r.headers.get("request-id"))


LINE_END = re.compile("\r\n|\n|\r")


def sse_lines(chunks):
    """The lines of a stream of bytes: UTF-8, ended by CRLF, LF or CR only."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    for chunk in chunks:
        pending += decoder.decode(chunk)
        held = "\r" if pending.endswith("\r") else ""  # maybe the first half of "\r\n"
        *lines, pending = LINE_END.split(pending.removesuffix(held))
        yield from lines
        pending += held
    pending += decoder.decode(b"", final=True)
    if pending:
        yield from LINE_END.split(pending.removesuffix("\r"))


def iter_sse_events(chunks):
    """Yield (event name, data text) for each server-sent event in a stream of bytes."""
    event, data = "", []
    for line in sse_lines(chunks):
        if not line:  # a blank line ends the event
            if data:
                yield event or "message", "\n".join(data)
            event, data = "", []
        elif not line.startswith(":"):  # a line that starts with ":" is a comment
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                event = value
            elif field == "data":
                data.append(value)


def iter_sse(response):
    """Yield (event name, parsed JSON data) for each event of a streamed response."""
    for event, data in iter_sse_events(response.iter_content(chunk_size=None)):
        yield event, json.loads(data)


STATUS_OF_ERROR = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "overloaded_error": 529,
}


def error_from_event(error, response):
    """The AnthropicError for an `error` event, with the status that error type has."""
    status = STATUS_OF_ERROR.get(error["type"], 500)
    request_id = response.headers.get("request-id")
    return AnthropicError(status, error["type"], error["message"], request_id)


# The exercise.
def stream_reply(session, prompt, max_tokens=300):
    """Stream the reply to `prompt`; return (text, stop_reason). Raise on an error event."""
    body = {
        "model": MODEL,
        "max_tokens": max_tokens,
        "stream": True,
        "messages": [{"role": "user", "content": prompt}],
    }
    pieces, stop_reason = [], None
    with session.post(API_URL, json=body, stream=True, timeout=(5, 30)) as r:
        raise_for_anthropic(r)
        for event, data in iter_sse(r):
            if event == "content_block_delta" and data["delta"]["type"] == "text_delta":
                pieces.append(data["delta"]["text"])
            elif event == "message_delta":
                stop_reason = data["delta"]["stop_reason"]
            elif event == "error":  # the stream broke off: no partial answer
                raise error_from_event(data["error"], r)
    return "".join(pieces), stop_reason


with requests.Session() as session:
    session.headers.update(
        {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    )
    print(stream_reply(session, "Say hello to the course."))
