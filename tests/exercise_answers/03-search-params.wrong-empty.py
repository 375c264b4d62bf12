# expect: the URL still has license=
import requests

search_params = {"q": "image classification", "tag": ["vision", "small"], "license": ""}
search_response = requests.get("https://httpbin.org/get", params=search_params, timeout=5)
