# expect: got 401 from the API
import os

import requests


def report_titles():
    # the planted bug, unchanged
    api_key = os.environ.get("EXAMPLE_APIKEY")
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]
