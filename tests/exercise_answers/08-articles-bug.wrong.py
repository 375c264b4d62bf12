# expect: missing: ids 41-42
# The planted bug, unchanged
def iter_articles(session):
    url = "https://api.example.com/articles"
    for _ in range(20):
        r = session.get(url, timeout=5)
        r.raise_for_status()
        if "next" not in r.links:
            return
        yield from r.json()
        url = r.links["next"]["url"]
    raise RuntimeError("gave up after 20 pages")
