# expect: the key is still in the
import os

import requests

# the key typed into the URL is still a key in the URL
reports_response = requests.get(
    f"https://api.example.com/reports?key={os.environ['EXAMPLE_API_KEY']}", timeout=5
)
