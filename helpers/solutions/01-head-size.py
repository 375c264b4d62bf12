import requests

# Reference solution: 01-head-size
head_response = requests.head("https://httpbin.org/image/png", timeout=5)
head_response.raise_for_status()
download_size = int(head_response.headers["Content-Length"])
print(f"{download_size:,} bytes; body received: {len(head_response.content)} bytes")
