# expect: the header was on that one
import requests

iris_session = requests.Session()
# the header is on one call only, not on the session
iris_headers = iris_session.get(
    "https://httpbin.org/headers", headers={"X-Dataset": "iris"}, timeout=5
)
