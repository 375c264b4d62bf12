import requests


# requests.get instead of the session, the default page size, a while-condition stop
def iter_logs(session):
    body = {"next_cursor": ""}
    while body["next_cursor"] is not None:
        params = {"cursor": body["next_cursor"]} if body["next_cursor"] else {}
        r = requests.get("https://api.example.com/logs", params=params, timeout=(3, 10))
        r.raise_for_status()
        body = r.json()
        for record in body["items"]:
            yield record
