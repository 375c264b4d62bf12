import requests


# Reference solution: 01-is-success
def is_success(response):
    """True when the server accepted the request, False when it answered with an error."""
    return response.ok  # True below 400, not only for 200


upload = requests.get("https://httpbin.org/status/201", timeout=5)  # the upload created a file
print(upload.status_code, is_success(upload))
