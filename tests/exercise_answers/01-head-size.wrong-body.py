# expect: but the server says the file has
import requests

head_response = requests.head("https://httpbin.org/image/png", timeout=5)
download_size = len(head_response.content)  # a HEAD body is empty: 0
