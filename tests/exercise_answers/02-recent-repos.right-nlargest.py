import pandas as pd
import requests

# Convert to datetimes first, then take the 5 largest.
r = requests.get("https://api.github.com/users/octocat/repos", timeout=5)
r.raise_for_status()
df = pd.json_normalize(r.json())
df["pushed_at"] = pd.to_datetime(df["pushed_at"])
recent_repos = df.nlargest(5, "pushed_at")[["name", "language", "pushed_at"]].reset_index(drop=True)
