# expect: leaves the read part without a limit
import requests

first_response = requests.get(
    "https://httpbin.org/get", params={"topic": "apis"}, timeout=(5, None)
)
