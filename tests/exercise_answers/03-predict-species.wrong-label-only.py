# expect: it returned 'setosa'; the model says
import requests


def predict_species(measurements):
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict",
        json={"features": measurements},
        timeout=5,
    )
    response.raise_for_status()
    return response.json()["label"]
