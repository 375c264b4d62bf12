# expect: the request has no timeout, so
import requests

search_params = {"q": "image classification", "tag": ["vision", "small"]}
search_response = requests.get("https://httpbin.org/get", params=search_params)
