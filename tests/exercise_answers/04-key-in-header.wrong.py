# expect: the key is still in the
import os

import requests

# unchanged: the key is still in the query string
reports_response = requests.get(
    "https://api.example.com/reports",
    params={"api_key": os.environ["EXAMPLE_API_KEY"]},
    timeout=5,
)
