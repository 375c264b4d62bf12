# expect: the request has no system prompt
# A stop sequence, but no system prompt
import os

import requests

API_URL = "https://api.anthropic.com/v1/messages"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}

body = {
    "model": "claude-haiku-4-5",
    "max_tokens": 300,
    "stop_sequences": ["My instructions"],
    "messages": [{"role": "user", "content": "What does a read timeout measure?"}],
}
stopped_response = requests.post(API_URL, headers=HEADERS, json=body, timeout=(5, 120))
stopped_reason = stopped_response.json()["stop_reason"]
