# expect: the request has no timeout, so
import requests

new_todo = requests.post("https://api.example.com/todos", json={"title": "Retrain the churn model"})
new_todo_url = new_todo.headers["Location"]
