# expect: a todo with done=True has done=False
import requests


def update_title(todo_id, title):
    """The planted bug: PUT without done resets done to false."""
    response = requests.put(
        f"https://api.example.com/todos/{todo_id}", json={"title": title}, timeout=5
    )
    response.raise_for_status()
    return response.json()
