from requests.auth import AuthBase


class GitHubTokenAuth(AuthBase):
    def __init__(self, token):
        self.token = token

    def __call__(self, r):
        r.headers.update(
            {
                "authorization": f"token {self.token}",
                "accept": "application/vnd.github+json",
                "x-github-api-version": "2022-11-28",
            }
        )
        return r
