# expect: it works while EXAMPLE_API_KEY is set
import os

import requests


def report_titles():
    # right name, but .get() still sends "Bearer None" when the variable is missing
    api_key = os.environ.get("EXAMPLE_API_KEY")
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]
