# expect: the todo was not renamed: the
import requests


def update_title(todo_id, title):
    response = requests.patch(
        f"https://api.example.com/todos/{todo_id}", data={"title": title}, timeout=5
    )
    return response.json()
