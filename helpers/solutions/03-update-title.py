import requests


# Reference solution: 03-update-title
def update_title(todo_id, title):
    """Rename a todo; return the todo as the server now has it."""
    response = requests.patch(
        f"https://api.example.com/todos/{todo_id}", json={"title": title}, timeout=5
    )
    response.raise_for_status()
    return response.json()


update_title(1, "Read the requests quickstart, again")
