# expect: it should have the 5 most recently pushed
import pandas as pd
import requests

# Forgot .head(5).
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
repos_df = pd.json_normalize(r.json())
recent_repos = repos_df[["name", "language", "pushed_at"]].sort_values("pushed_at", ascending=False)
