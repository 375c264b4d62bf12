import os

import requests

# the standard Authorization header keeps the key out of the URL too
reports_response = requests.get(
    "https://api.example.com/reports",
    headers={"Authorization": f"Bearer {os.environ['EXAMPLE_API_KEY']}"},
    timeout=5,
)
