def iter_logs(session):
    params = {"limit": 25}
    for _ in range(100):  # a max-pages guard that raises
        r = session.get("https://api.example.com/logs", params=params, timeout=(3, 10))
        r.raise_for_status()
        page = r.json()
        for record in page["items"]:
            yield record
        if page.get("next_cursor") is None:
            return
        params = {"limit": 25, "cursor": page["next_cursor"]}
    raise RuntimeError("more than 100 pages of logs")
