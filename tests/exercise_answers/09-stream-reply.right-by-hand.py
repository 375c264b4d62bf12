# Its own parsing and headers, requests.post instead of the session, RuntimeError on errors
import json
import os

import requests


def stream_reply(session, prompt, max_tokens=300):
    headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": max_tokens,
        "stream": True,
        "messages": [{"role": "user", "content": prompt}],
    }
    text, stop_reason = "", None
    with requests.post(
        "https://api.anthropic.com/v1/messages",
        headers=headers,
        json=body,
        stream=True,
        timeout=(3.05, 60),
    ) as r:
        r.raise_for_status()
        for line in r.iter_lines(decode_unicode=True):
            if not line.startswith("data:"):
                continue
            data = json.loads(line[5:])
            if data["type"] == "content_block_delta":
                text += data["delta"].get("text", "")
            elif data["type"] == "message_delta":
                stop_reason = data["delta"]["stop_reason"]
            elif data["type"] == "error":
                raise RuntimeError(data["error"]["message"])
    return text, stop_reason
