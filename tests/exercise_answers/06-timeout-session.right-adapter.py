import requests
from requests.adapters import HTTPAdapter


class DefaultTimeoutAdapter(HTTPAdapter):
    def __init__(self, timeout, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class TimeoutSession(requests.Session):
    """The same promise, kept by adapters mounted for http:// and https://."""

    def __init__(self, default_timeout=5):
        super().__init__()
        self.default_timeout = default_timeout
        for prefix in ("https://", "http://"):
            self.mount(prefix, DefaultTimeoutAdapter(default_timeout))
