# expect: the request has no timeout, so
import requests

iris_session = requests.Session()
iris_session.headers.update({"X-Dataset": "iris"})
iris_headers = iris_session.get("https://httpbin.org/headers")  # no timeout
