# expect: predict_species raised HTTPError for valid measurements
import requests


def predict_species(measurements):
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict", json=measurements, timeout=5
    )
    response.raise_for_status()
    body = response.json()
    return body["label"], body["confidence"]
