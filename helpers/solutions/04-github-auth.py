import os

import requests
from requests.auth import AuthBase


# Reference solution: 04-github-auth
class GitHubTokenAuth(AuthBase):
    """Send a GitHub token, and GitHub's recommended headers, with every request."""

    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        request.headers["Accept"] = "application/vnd.github+json"
        request.headers["X-GitHub-Api-Version"] = "2022-11-28"
        return request


me_on_github = requests.get(
    "https://api.github.com/user", auth=GitHubTokenAuth(os.environ["GITHUB_TOKEN"]), timeout=5
)
print(me_on_github.status_code, me_on_github.json()["login"])
