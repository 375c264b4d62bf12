# expect: it is not lazy
# Not lazy: collects everything into a list and returns it
def iter_logs(session):
    items, cursor = [], None
    while True:
        params = {"limit": 50}
        if cursor is not None:
            params["cursor"] = cursor
        r = session.get("https://api.example.com/logs", params=params, timeout=5)
        r.raise_for_status()
        body = r.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
