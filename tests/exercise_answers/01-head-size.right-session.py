import requests

with requests.Session() as session:
    head_response = session.request("HEAD", "https://httpbin.org/image/png", timeout=(3, 10))
download_size = int(head_response.headers.get("content-length", 0))
