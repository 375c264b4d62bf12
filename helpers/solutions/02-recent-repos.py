import pandas as pd
import requests

# Reference solution: 02-recent-repos
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
r.raise_for_status()
repos_df = pd.json_normalize(r.json())

columns = ["name", "language", "pushed_at"]
recent_repos = repos_df[columns].sort_values("pushed_at", ascending=False).head(5)
