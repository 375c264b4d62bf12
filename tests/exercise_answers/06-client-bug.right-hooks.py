import requests


class ExampleAPIError(Exception):
    def __init__(self, response):
        super().__init__(f"{response.status_code} from {response.url}")
        self.response = response


class ExampleClient:
    # raises from a response hook, sets the User-Agent by assignment, and keeps the timeout
    # in one place
    base_url = "https://api.example.com"

    def __init__(self, api_key, timeout=(3.05, 10)):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"X-API-Key": api_key, "User-Agent": "example-client/2.0"})
        self.session.hooks["response"].append(self._raise_for_status)

    @staticmethod
    def _raise_for_status(response, *args, **kwargs):
        if not response.ok:
            raise ExampleAPIError(response)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.session.close()

    def _request(self, method, path, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return self.session.request(method, self.base_url + path, **kwargs).json()

    def report(self, report_id):
        return self._request("GET", f"/reports/{report_id}")

    def predict(self, model, features):
        return self._request("POST", f"/models/{model}/predict", json={"features": features})
