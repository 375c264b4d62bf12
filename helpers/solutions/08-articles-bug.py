# Reference solution: 08-articles-bug
def iter_articles(session):
    """Yield every article of https://api.example.com/articles, following the Link header."""
    url = "https://api.example.com/articles"
    for _ in range(20):  # max-pages guard
        r = session.get(url, timeout=5)
        r.raise_for_status()
        yield from r.json()  # the fix: yield the page first, the last page included
        if "next" not in r.links:
            return
        url = r.links["next"]["url"]
    raise RuntimeError("gave up after 20 pages")
