# expect: raised TypeError
# Crashes on a repository whose license is null.
def repo_summary(repos):
    return [
        {
            "name": repo["name"],
            "language": repo["language"],
            "stars": repo["stargazers_count"],
            "license": repo["license"]["spdx_id"],
        }
        for repo in repos
    ]
