# the body serialised by hand, with its content type, and the reason from the parsed reply
import json
import os

import requests

body = {
    "model": "claude-haiku-4-5",
    "max_tokens": 300,
    "system": "You are a patient tutor.",
    "stop_sequences": ["My instructions"],
    "messages": [{"role": "user", "content": "What is a read timeout?"}],
}
stopped_response = requests.post(
    "https://api.anthropic.com/v1/messages",
    data=json.dumps(body),
    headers={
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    },
    timeout=(3.05, 60),
)
stopped_reason = json.loads(stopped_response.text)["stop_reason"]
