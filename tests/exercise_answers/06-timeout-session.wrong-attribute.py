# expect: a call without timeout= went out
import requests


class TimeoutSession(requests.Session):
    def __init__(self, default_timeout=5):
        super().__init__()
        self.timeout = default_timeout  # requests never reads this

    def request(self, method, url, **kwargs):
        return super().request(method, url, **kwargs)
