# expect: but the 5 most recently pushed are
import pandas as pd
import requests

# Changed the columns but kept sorting by stars.
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
repos_df = pd.json_normalize(r.json())
recent_repos = repos_df.sort_values("stargazers_count", ascending=False)[
    ["name", "language", "pushed_at"]
].head(5)
