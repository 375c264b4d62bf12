# expect: iter_articles raised RuntimeError after
# Stays on the last page: with no next link, the same URL is fetched again until the guard
def iter_articles(session):
    url = "https://api.example.com/articles"
    for _ in range(20):
        r = session.get(url, timeout=5)
        r.raise_for_status()
        yield from r.json()
        url = r.links.get("next", {}).get("url", url)
    raise RuntimeError("gave up after 20 pages")
