# expect: a failed PATCH passes silently
import requests


def update_title(todo_id, title):
    # works on the happy path, but a failed PATCH comes back as if it were the todo
    response = requests.patch(
        f"https://api.example.com/todos/{todo_id}", json={"title": title}, timeout=5
    )
    return response.json()
