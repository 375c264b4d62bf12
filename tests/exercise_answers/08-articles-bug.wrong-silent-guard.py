# expect: without a word
def iter_articles(session):
    url = "https://api.example.com/articles"
    for _ in range(20):  # max-pages guard... that gives up silently
        r = session.get(url, timeout=5)
        r.raise_for_status()
        yield from r.json()
        if "next" not in r.links:
            return
        url = r.links["next"]["url"]
