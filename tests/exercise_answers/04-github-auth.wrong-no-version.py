# expect: the X-GitHub-Api-Version header is None, not
from requests.auth import AuthBase


class GitHubTokenAuth(AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        request.headers["Accept"] = "application/vnd.github+json"
        return request
