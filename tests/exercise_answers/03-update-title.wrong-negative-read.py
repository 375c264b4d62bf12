# expect: Invalid timeout (5, -1)
import requests


def update_title(todo_id, title):
    response = requests.patch(
        f"https://api.example.com/todos/{todo_id}", json={"title": title}, timeout=(5, -1)
    )
    response.raise_for_status()
    return response.json()
