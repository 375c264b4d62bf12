from operator import itemgetter

import requests

URL = "https://api.example.com/models/iris-classifier/predict"


def predict_species(measurements):
    with requests.Session() as s:
        r = s.post(URL, json={"features": dict(measurements)}, timeout=(3.05, 10))
        r.raise_for_status()
    return list(itemgetter("label", "confidence")(r.json()))
