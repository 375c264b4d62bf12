# expect: pushed longest ago
import pandas as pd
import requests

# Sorted the wrong way: oldest first.
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
repos_df = pd.json_normalize(r.json())
recent_repos = repos_df[["name", "language", "pushed_at"]].sort_values("pushed_at").head(5)
