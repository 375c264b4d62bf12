# expect: a todo with done=False has done=True
import requests


def update_title(todo_id, title):
    response = requests.put(
        f"https://api.example.com/todos/{todo_id}", json={"title": title, "done": True}, timeout=5
    )
    response.raise_for_status()
    return response.json()
