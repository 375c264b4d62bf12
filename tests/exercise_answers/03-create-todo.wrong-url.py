# expect: but the server said the todo lives at
import requests

new_todo = requests.post(
    "https://api.example.com/todos", json={"title": "Retrain the churn model"}, timeout=5
)
new_todo_url = "https://api.example.com/todos"
