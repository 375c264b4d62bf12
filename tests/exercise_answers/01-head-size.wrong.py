# expect: header values are always text
import requests

head_response = requests.head("https://httpbin.org/image/png", timeout=5)
download_size = head_response.headers["Content-Length"]  # still a string
