# expect: the Authorization header holds the token
from requests.auth import AuthBase


class GitHubTokenAuth(AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = self.token  # no scheme
        request.headers["Accept"] = "application/vnd.github+json"
        request.headers["X-GitHub-Api-Version"] = "2022-11-28"
        return request
