import requests

head_response = requests.head("https://httpbin.org/image/png", timeout=3.05)
download_size = int(head_response.headers["CONTENT-LENGTH"].strip())
