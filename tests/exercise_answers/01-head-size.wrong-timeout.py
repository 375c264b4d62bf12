# expect: the request has no timeout, so
import requests

head_response = requests.head("https://httpbin.org/image/png")
download_size = int(head_response.headers["Content-Length"])
