# Reference solution: 09-stop-sequence
import os

import requests

API_URL = "https://api.anthropic.com/v1/messages"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}

stopped_body = {
    "model": "claude-haiku-4-5",
    "max_tokens": 300,
    "system": "You are a patient mentor for data scientists.",
    "stop_sequences": ["My instructions"],  # the reply ends just before these words
    "messages": [{"role": "user", "content": "What does a read timeout measure?"}],
}
stopped_response = requests.post(API_URL, headers=HEADERS, json=stopped_body, timeout=(5, 120))
stopped_response.raise_for_status()
stopped_reason = stopped_response.json()["stop_reason"]
print(stopped_reason, stopped_response.json()["stop_sequence"])
