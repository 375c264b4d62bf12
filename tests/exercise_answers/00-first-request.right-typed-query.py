import requests

with requests.Session() as session:
    first_response = session.get("https://httpbin.org/get?topic=apis", timeout=(3, 10))
