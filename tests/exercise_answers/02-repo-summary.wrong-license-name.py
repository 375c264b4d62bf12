# expect: license is 'MIT License'
# The license's long name instead of its SPDX id.
def repo_summary(repos):
    summary = []
    for repo in repos:
        license_ = repo["license"]
        summary.append(
            {
                "name": repo["name"],
                "language": repo["language"],
                "stars": repo["stargazers_count"],
                "license": license_["name"] if license_ else None,
            }
        )
    return summary
