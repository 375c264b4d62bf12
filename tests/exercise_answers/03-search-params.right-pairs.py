import requests

search_params = [
    ("q", "image classification"),
    ("tag", "vision"),
    ("tag", "small"),
    ("license", None),
]
search_response = requests.get("https://httpbin.org/get", params=search_params, timeout=5)
