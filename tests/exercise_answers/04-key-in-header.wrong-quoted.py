# expect: the API answered
import os

import requests

# the header holds the key wrapped in quotes
reports_response = requests.get(
    "https://api.example.com/reports",
    headers={"X-API-Key": repr(os.environ["EXAMPLE_API_KEY"])},
    timeout=5,
)
