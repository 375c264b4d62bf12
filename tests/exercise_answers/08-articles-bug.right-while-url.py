import requests


# A while loop on the next URL, returning a list (not lazy, but correct)
def iter_articles(session):
    url, articles = "https://api.example.com/articles", []
    for _ in range(20):
        r = session.get(url, timeout=5)
        r.raise_for_status()
        articles += r.json()
        url = r.links.get("next", {}).get("url")
        if url is None:
            return articles
    raise RuntimeError("too many pages")


with requests.Session() as s:
    print(len(iter_articles(s)))
