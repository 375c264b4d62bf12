# Reference solution: 02-repo-summary
def repo_summary(repos):
    summary = []
    for repo in repos:
        summary.append(
            {
                "name": repo["name"],
                "language": repo["language"],
                "stars": repo["stargazers_count"],
                "license": (repo["license"] or {}).get("spdx_id"),
            }
        )
    return summary
