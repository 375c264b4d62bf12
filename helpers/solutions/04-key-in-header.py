import os

import requests

# Reference solution: 04-key-in-header
reports_response = requests.get(
    "https://api.example.com/reports",
    headers={"X-API-Key": os.environ["EXAMPLE_API_KEY"]},
    timeout=5,
)
print(reports_response.status_code)
