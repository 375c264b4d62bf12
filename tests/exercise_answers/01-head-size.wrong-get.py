# expect: you sent a GET request, which
import requests

head_response = requests.get("https://httpbin.org/image/png", timeout=5)
download_size = len(head_response.content)
