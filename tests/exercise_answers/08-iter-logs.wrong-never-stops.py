# expect: the loop did not stop after the last page
# Does not stop when next_cursor is None: cursor=None is dropped, page 1 comes back
def iter_logs(session):
    cursor = None
    while True:
        r = session.get(
            "https://api.example.com/logs", params={"limit": 50, "cursor": cursor}, timeout=5
        )
        r.raise_for_status()
        body = r.json()
        yield from body["items"]
        cursor = body["next_cursor"]
