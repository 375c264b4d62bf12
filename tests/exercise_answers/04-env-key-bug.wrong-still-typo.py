# expect: no environment variable has that name
import os

import requests


def report_titles():
    # switched to [...] but kept the typo
    api_key = os.environ["EXAMPLE_APIKEY"]
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]
