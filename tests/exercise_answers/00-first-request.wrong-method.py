# expect: you sent a POST request
import requests

first_response = requests.post("https://httpbin.org/post", data={"topic": "apis"}, timeout=5)
