# expect: has no timeout
def iter_logs(session):
    cursor = None
    while True:
        params = {"limit": 50}
        if cursor:
            params["cursor"] = cursor
        body = session.get("https://api.example.com/logs", params=params).json()
        yield from body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
