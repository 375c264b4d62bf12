# expect: the loop did not stop after the last page
# Stays on the last page and has no guard at all: only the checker's budget stops it
def iter_articles(session):
    url = "https://api.example.com/articles"
    while True:
        r = session.get(url, timeout=5)
        r.raise_for_status()
        yield from r.json()
        url = r.links.get("next", {}).get("url", url)
