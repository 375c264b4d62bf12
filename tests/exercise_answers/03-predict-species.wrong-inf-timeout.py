# expect: refuses this timeout
import math

import requests


def predict_species(measurements):
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict",
        json={"features": measurements},
        timeout=(5, math.inf),  # "never give up" is no limit at all
    )
    response.raise_for_status()
    body = response.json()
    return body["label"], body["confidence"]
