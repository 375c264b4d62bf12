import requests

# Reference solution: 03-create-todo
new_todo = requests.post(
    "https://api.example.com/todos", json={"title": "Retrain the churn model"}, timeout=5
)
new_todo.raise_for_status()
new_todo_url = new_todo.headers["Location"]
print(new_todo.status_code, new_todo_url)
