import requests

iris_session = requests.Session()
# setdefault is fine for a header the session does not already have
iris_session.headers.setdefault("X-Dataset", "iris")
iris_headers = iris_session.get("https://httpbin.org/headers", timeout=(3.05, 27))
