# expect: the URL has no
import requests

first_response = requests.get("https://httpbin.org/get", params={"topics": "apis"}, timeout=5)
