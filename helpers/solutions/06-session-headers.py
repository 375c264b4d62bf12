import requests

# Reference solution: 06-session-headers
iris_session = requests.Session()
iris_session.headers.update({"X-Dataset": "iris"})  # added to the default headers

iris_headers = iris_session.get("https://httpbin.org/headers", timeout=5)
iris_headers.json()["headers"]
