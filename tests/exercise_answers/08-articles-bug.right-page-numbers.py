class TooManyPages(Exception):
    pass


def iter_articles(session, max_pages=20):
    # follow the next link, counting pages; the guard raises its own exception
    response = session.get("https://api.example.com/articles", timeout=(3, 10))
    for _ in range(max_pages):
        response.raise_for_status()
        yield from response.json()
        link = response.links.get("next")
        if link is None:
            return
        response = session.get(link["url"], timeout=(3, 10))
    raise TooManyPages(f"more than {max_pages} pages")
