# expect: the request has no timeout, so
import os

import requests

reports_response = requests.get(
    "https://api.example.com/reports", headers={"X-API-Key": os.environ["EXAMPLE_API_KEY"]}
)
