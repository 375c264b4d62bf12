# expect: predict_species sends a request without a
import requests


def predict_species(measurements):
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict", json={"features": measurements}
    )
    response.raise_for_status()
    body = response.json()
    return body["label"], body["confidence"]
