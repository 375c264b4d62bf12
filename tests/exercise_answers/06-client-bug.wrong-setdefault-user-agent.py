# expect: does nothing: a Session always sends

import requests


# Reference solution: 06-client-bug
class ExampleAPIError(Exception):
    """An api.example.com call failed. `.response` keeps the Response."""

    def __init__(self, response):
        error = response.json().get("error", {})
        super().__init__(f"{response.status_code} {error.get('code')}: {error.get('message')}")
        self.response = response


class ExampleClient:
    """A small client for api.example.com: one Session with the API key in a header, a
    default timeout on every call, and ExampleAPIError for every failed call."""

    base_url = "https://api.example.com"

    def __init__(self, api_key, timeout=5):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {api_key}"
        self.session.headers.setdefault("User-Agent", "example-client/1.0")  # never used

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.session.close()

    def _request(self, method, path, **kwargs):
        url = self.base_url + path
        response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        if not response.ok:
            raise ExampleAPIError(response)
        return response.json()

    def report(self, report_id):
        """One report (needs a key that can read)."""
        return self._request("GET", f"/reports/{report_id}")

    def predict(self, model, features):
        """The prediction of `model` for one set of features."""
        # The bug: predict() called self.session.post directly, so it had no timeout and
        # returned error bodies as if they were predictions. _request() does both jobs.
        return self._request("POST", f"/models/{model}/predict", json={"features": features})
