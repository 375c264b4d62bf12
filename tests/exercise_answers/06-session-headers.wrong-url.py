# expect: the request went to httpbin.org/get, not
import requests

iris_session = requests.Session()
iris_session.headers.update({"X-Dataset": "iris"})
iris_headers = iris_session.get("https://httpbin.org/get", timeout=5)
