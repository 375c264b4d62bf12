import requests

# Reference solution: 03-search-params
search_params = {"q": "image classification", "tag": ["vision", "small"], "license": None}
search_response = requests.get("https://httpbin.org/get", params=search_params, timeout=5)
print(search_response.url)
