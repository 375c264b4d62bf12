# expect: update_title raised HTTPError: the server answered
import requests


def update_title(todo_id, title):
    response = requests.patch(
        f"https://api.example.com/todos/{todo_id}", data={"title": title}, timeout=5
    )
    response.raise_for_status()
    return response.json()
