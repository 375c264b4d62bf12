# expect: requests without stopping
# Keeps requesting without ever yielding: only the budget stops it
def iter_logs(session):
    while True:
        r = session.get("https://api.example.com/logs", timeout=5)
        r.raise_for_status()
        if False:
            yield r
