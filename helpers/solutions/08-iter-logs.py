# Reference solution: 08-iter-logs
def iter_logs(session):
    """Yield every log record of https://api.example.com/logs, oldest first."""
    cursor = None
    while True:
        params = {"limit": 50}
        if cursor is not None:
            params["cursor"] = cursor
        r = session.get("https://api.example.com/logs", params=params, timeout=5)
        r.raise_for_status()
        body = r.json()
        yield from body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return
