import os

import requests

with requests.Session() as session:
    session.headers["x-api-key"] = os.environ["EXAMPLE_API_KEY"]
    reports_response = session.get("https://api.example.com/reports", timeout=(3, 10))
