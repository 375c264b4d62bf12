import requests

with requests.Session() as iris_session:
    iris_session.headers["x-dataset"] = "iris"  # header names are case-insensitive
    iris_session.headers["Accept"] = "application/json"
    iris_headers = iris_session.get("https://httpbin.org/headers", timeout=(3, 10))
