# expect: returned NoneType, not the Response
import requests


class TimeoutSession(requests.Session):
    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", self.default_timeout)
        super().request(method, url, **kwargs)  # forgets to return the Response
