# expect: requests without stopping
def iter_articles(session):
    url = "https://api.example.com/articles"
    while True:  # the max-pages guard is gone: a server that always links on never stops us
        r = session.get(url, timeout=5)
        r.raise_for_status()
        yield from r.json()
        if "next" not in r.links:
            return
        url = r.links["next"]["url"]
