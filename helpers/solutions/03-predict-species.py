import requests


# Reference solution: 03-predict-species
def predict_species(measurements):
    """Return (label, confidence) from the iris classifier for four measurements in cm."""
    response = requests.post(
        "https://api.example.com/models/iris-classifier/predict",
        json={"features": measurements},
        timeout=5,
    )
    response.raise_for_status()
    body = response.json()
    return body["label"], body["confidence"]


predict_species({"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2})
