# expect: 415 Unsupported Media Type
import requests

new_todo = requests.post(
    "https://api.example.com/todos", data={"title": "Retrain the churn model"}, timeout=5
)
new_todo_url = "https://api.example.com/todos/4"  # guessed
