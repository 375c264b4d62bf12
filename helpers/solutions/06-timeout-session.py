import requests


# Reference solution: 06-timeout-session
class TimeoutSession(requests.Session):
    """A Session whose requests get `default_timeout` unless the call passes its own."""

    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, **kwargs)
