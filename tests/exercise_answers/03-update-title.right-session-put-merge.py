import requests


def update_title(todo_id, title):
    # read, change, write back the whole todo with PUT (keeps done), on a Session
    url = f"https://api.example.com/todos/{todo_id}"
    with requests.Session() as session:
        current = session.get(url, timeout=(3.05, 10))
        current.raise_for_status()
        todo = {"title": title, "done": current.json()["done"]}
        saved = session.put(url, json=todo, timeout=(3.05, 10))
        saved.raise_for_status()
        return saved.json()
