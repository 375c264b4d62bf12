import pandas as pd
import requests

# Let GitHub sort (sort=pushed is newest first), parse the dates, reorder the columns.
with requests.Session() as session:
    r = session.get(
        "https://api.github.com/users/octocat/repos",
        params={"sort": "pushed", "per_page": 5},
        timeout=(3, 10),
    )
r.raise_for_status()
recent_repos = pd.DataFrame(r.json())[["pushed_at", "name", "language"]]
recent_repos["pushed_at"] = pd.to_datetime(recent_repos["pushed_at"])
