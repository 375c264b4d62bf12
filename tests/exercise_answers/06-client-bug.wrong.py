# expect: instead of raising ExampleAPIError
import os

import requests


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
        url = f"{self.base_url}/models/{model}/predict"
        response = self.session.post(url, json={"features": features})
        return response.json()


with ExampleClient(os.environ["EXAMPLE_API_KEY"]) as example:
    print("report:    ", example.report(1)["title"])
    print("prediction:", example.predict("iris-classifier", {"sepal_length": 5.1}))
