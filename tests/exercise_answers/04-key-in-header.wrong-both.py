# expect: the key is still in the
import os

import requests

key = os.environ["EXAMPLE_API_KEY"]
# header added, but the query parameter was left in
reports_response = requests.get(
    "https://api.example.com/reports",
    params={"api_key": key},
    headers={"X-API-Key": key},
    timeout=5,
)
