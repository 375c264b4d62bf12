# expect: raised AttributeError
# .get("license", {}) returns None for a null license, so .get("spdx_id") fails.
def repo_summary(repos):
    summary = []
    for repo in repos:
        summary.append(
            {
                "name": repo["name"],
                "language": repo["language"],
                "stars": repo["stargazers_count"],
                "license": repo.get("license", {}).get("spdx_id"),
            }
        )
    return summary
