# expect: the URL has one tag whose
import requests

search_params = {"q": "image classification", "tag": "vision,small", "license": None}
search_response = requests.get("https://httpbin.org/get", params=search_params, timeout=5)
