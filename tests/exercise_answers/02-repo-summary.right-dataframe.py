import pandas as pd


# With pandas: json_normalize, pick and rename the columns, back to records.
def repo_summary(repos):
    if not repos:
        return []
    df = pd.json_normalize(repos)
    if "license.spdx_id" not in df:
        df["license.spdx_id"] = None
    df = df[["name", "language", "stargazers_count", "license.spdx_id"]]
    df = df.rename(columns={"stargazers_count": "stars", "license.spdx_id": "license"})
    return df.to_dict("records")  # a null license comes back as NaN
