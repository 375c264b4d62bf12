# expect: a call that passed timeout=
import requests


class TimeoutSession(requests.Session):
    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout

    def request(self, method, url, **kwargs):
        kwargs["timeout"] = self.default_timeout  # overrides the caller's timeout too
        return super().request(method, url, **kwargs)
