# expect: the new todo
import requests

new_todo = requests.post(
    "https://api.example.com/todos", json={"title": "Retrain the model"}, timeout=5
)
new_todo_url = new_todo.headers["Location"]
