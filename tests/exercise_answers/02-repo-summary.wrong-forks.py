# expect: stars is
# The wrong count: forks instead of stars.
def repo_summary(repos):
    summary = []
    for repo in repos:
        summary.append(
            {
                "name": repo["name"],
                "language": repo["language"],
                "stars": repo["forks_count"],
                "license": (repo["license"] or {}).get("spdx_id"),
            }
        )
    return summary
