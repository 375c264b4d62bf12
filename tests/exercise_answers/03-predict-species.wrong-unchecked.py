# expect: for a missing feature
import requests


def predict_species(measurements):
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict",
        json={"features": measurements},
        timeout=5,
    )
    body = response.json()
    return body.get("label"), body.get("confidence")
