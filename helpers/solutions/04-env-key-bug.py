import os

import requests


# Reference solution: 04-env-key-bug
def report_titles():
    """The titles of the reports that the key in EXAMPLE_API_KEY can read."""
    api_key = os.environ["EXAMPLE_API_KEY"]  # the right name; a missing key raises KeyError
    response = requests.get(
        "https://api.example.com/reports",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [report["title"] for report in response.json()]


report_titles()
