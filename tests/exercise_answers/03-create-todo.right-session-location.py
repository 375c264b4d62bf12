import requests

with requests.Session() as session:
    new_todo = session.post(
        "https://api.example.com/todos",
        json={"title": "Retrain the churn model", "done": False},
        timeout=(3.05, 10),
    )
new_todo.raise_for_status()
new_todo_url = new_todo.headers.get("location")
