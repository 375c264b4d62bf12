# expect: the session lost requests
import requests

iris_session = requests.Session()
iris_session.headers = {"X-Dataset": "iris"}  # replaces the default headers
iris_headers = iris_session.get("https://httpbin.org/headers", timeout=5)
