# expect: only some verbs get the default
import requests


class TimeoutSession(requests.Session):
    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout

    def get(self, url, **kwargs):  # only GET gets the default
        kwargs.setdefault("timeout", self.default_timeout)
        return super().get(url, **kwargs)
