# A Session, a system prompt as text blocks, two stop sequences, another model
import os

import requests

with requests.Session() as session:
    session.headers.update(
        {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    )
    stopped_response = session.post(
        "https://api.anthropic.com/v1/messages",
        json={
            "model": "claude-sonnet-4-6",
            "max_tokens": 1024,
            "system": [{"type": "text", "text": "Be brief."}],
            "stop_sequences": ["END", "My instructions"],
            "messages": [{"role": "user", "content": "How do I choose a read timeout?"}],
        },
        timeout=30,
    )
    stopped_response.raise_for_status()
    stopped_reason = stopped_response.json()["stop_reason"]
