# An explicit None test, and a generator-built list.
def repo_summary(repos):
    def license_id(repo):
        if repo.get("license") is None:
            return None
        return repo["license"].get("spdx_id")

    return [
        dict(
            name=repo["name"],
            language=repo.get("language"),
            stars=repo["stargazers_count"],
            license=license_id(repo),
        )
        for repo in repos
    ]
