# expect: with EXAMPLE_API_KEY removed from the environment
import os

import requests


def report_titles():
    # a default value hides a missing variable (and puts a key in the code)
    api_key = os.environ.get("EXAMPLE_APIKEY", "demo-writer-key")
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]
