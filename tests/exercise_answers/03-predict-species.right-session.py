import requests

URL = "https://api.example.com/models/iris-classifier/predict"


def predict_species(measurements):
    with requests.Session() as session:
        response = session.post(URL, json={"features": measurements}, timeout=(3, 10))
        response.raise_for_status()
        answer = response.json()
    return [answer["label"], answer["confidence"]]
