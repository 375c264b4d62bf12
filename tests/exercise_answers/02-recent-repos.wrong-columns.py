# expect: the columns should be name, language
import pandas as pd
import requests

# Kept the old columns.
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
repos_df = pd.json_normalize(r.json())
columns = ["name", "language", "stargazers_count", "pushed_at"]
recent_repos = repos_df[columns].sort_values("pushed_at", ascending=False).head(5)
