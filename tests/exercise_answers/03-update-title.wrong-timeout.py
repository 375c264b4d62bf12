# expect: update_title sends a request without a
import requests


def update_title(todo_id, title):
    response = requests.patch(f"https://api.example.com/todos/{todo_id}", json={"title": title})
    response.raise_for_status()
    return response.json()
