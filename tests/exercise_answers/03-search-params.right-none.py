import requests

search_params = {"q": "image classification", "tag": ["small", "vision"]}
with requests.Session() as session:
    search_response = session.get("https://httpbin.org/get", params=search_params, timeout=(3, 10))
