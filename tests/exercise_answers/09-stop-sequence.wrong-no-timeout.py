# expect: the request has no timeout, so
# No timeout
import os

import requests

API_URL = "https://api.anthropic.com/v1/messages"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}

body = {
    "model": "claude-haiku-4-5",
    "max_tokens": 300,
    "system": "Answer briefly.",
    "stop_sequences": ["My instructions"],
    "messages": [{"role": "user", "content": "What does a read timeout measure?"}],
}
stopped_response = requests.post(API_URL, headers=HEADERS, json=body)
stopped_reason = stopped_response.json()["stop_reason"]
