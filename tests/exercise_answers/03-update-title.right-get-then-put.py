import requests

TODOS = "https://api.example.com/todos"


def update_title(todo_id, title):
    current = requests.get(f"{TODOS}/{todo_id}", timeout=5)
    current.raise_for_status()
    todo = current.json()
    response = requests.put(
        f"{TODOS}/{todo_id}", json={"title": title, "done": todo["done"]}, timeout=(3, 10)
    )
    response.raise_for_status()
    return response.json()
