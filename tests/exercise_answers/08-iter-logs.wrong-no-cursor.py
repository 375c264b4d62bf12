# expect: a page came back twice
# Never sends the cursor back: the first page comes again and again
def iter_logs(session):
    cursor = None
    while True:
        r = session.get("https://api.example.com/logs", params={"limit": 50}, timeout=5)
        r.raise_for_status()
        body = r.json()
        yield from body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return
