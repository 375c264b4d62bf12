# expect: your code printed a secret
import os

import requests


def report_titles():
    api_key = os.environ["EXAMPLE_API_KEY"]
    print("using key", api_key)  # debugging leftover: the key ends up in the notebook
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]
