import requests


class GitHubTokenAuth(requests.auth.AuthBase):
    HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}

    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        for name, value in {**self.HEADERS, "Authorization": "Bearer " + self.token}.items():
            request.headers[name] = value
        return request
