import os

import requests


def report_titles():
    api_key = os.getenv("EXAMPLE_API_KEY")
    if not api_key:
        raise RuntimeError("Set EXAMPLE_API_KEY first (see notebook 04).")
    with requests.Session() as session:
        session.headers["X-API-Key"] = api_key
        response = session.get("https://api.example.com/reports", timeout=(3, 10))
    response.raise_for_status()
    return [report["title"] for report in response.json()]
