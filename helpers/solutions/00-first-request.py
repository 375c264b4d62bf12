import requests

# Reference solution: 00-first-request
first_response = requests.get("https://httpbin.org/get", params={"topic": "apis"}, timeout=5)
first_response.json()["args"]
