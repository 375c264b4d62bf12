# expect: the URL still has empty parameters
import requests

search_params = {"q": "image classification", "tag": ["vision", "small"], "sort": ""}
search_response = requests.get("https://httpbin.org/get", params=search_params, timeout=5)
