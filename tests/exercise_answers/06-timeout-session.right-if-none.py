import requests


class TimeoutSession(requests.Session):
    """A Session whose requests get `default_timeout` unless the call passes its own."""

    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout

    def request(self, method, url, *args, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kwargs)
