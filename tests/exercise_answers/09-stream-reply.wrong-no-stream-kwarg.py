# expect: requests was not told to stream
# Asks the API for a stream but lets requests download it all first
import json

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
        error_type, message = "unknown", r.text[:200]
    raise AnthropicError(r.status_code, error_type, message, r.headers.get("request-id"))


def iter_sse(response):
    """Yield (event name, parsed JSON data) for each server-sent event in `response`."""
    event = None
    for line in response.iter_lines(decode_unicode=True):
        if line.startswith("event:"):
            event = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            yield event, json.loads(line.removeprefix("data:"))


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
    with session.post(API_URL, json=body, timeout=(5, 30)) as r:
        raise_for_anthropic(r)
        for event, data in iter_sse(r):
            if event == "content_block_delta" and data["delta"]["type"] == "text_delta":
                pieces.append(data["delta"]["text"])
            elif event == "message_delta":
                stop_reason = data["delta"]["stop_reason"]
            elif event == "error":
                error = data["error"]
                request_id = r.headers.get("request-id")
                raise AnthropicError(r.status_code, error["type"], error["message"], request_id)
    return "".join(pieces), stop_reason
