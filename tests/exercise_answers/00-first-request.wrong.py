# expect: the request has no timeout, so
import requests

first_response = requests.get("https://httpbin.org/get", params={"topic": "apis"})  # no timeout
