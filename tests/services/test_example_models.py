"""api.example.com: the model registry, predictions from features and image classification."""

from __future__ import annotations

import io
import re

import pytest
import requests
from example_errors import assert_error, problems

from helpers.services.example import BASE_URL, create_app

IRIS_SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
IRIS_VERSICOLOR = {"sepal_length": 6.0, "sepal_width": 2.9, "petal_length": 4.5, "petal_width": 1.4}
IRIS_VIRGINICA = {"sepal_length": 6.5, "sepal_width": 3.0, "petal_length": 5.8, "petal_width": 2.2}
CHURNER = {"tenure_months": 3, "monthly_spend": 80.0, "support_tickets": 4}
STAYER = {"tenure_months": 48, "monthly_spend": 30, "support_tickets": 0}
REQUEST_ID = re.compile(r"req_[0-9a-f]{24}")


@pytest.fixture(scope="module")
def client():
    """One app for the module: the registry is read-only (only the request-id counter moves)."""
    return create_app().test_client()


def send(client, prepared: requests.PreparedRequest):
    """Send exactly what ``requests`` prepared (body bytes and headers) through the test client."""
    path = prepared.url.removeprefix(BASE_URL)
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "content-length"}
    return client.open(path, method=prepared.method, data=prepared.body or b"", headers=headers)


def upload(**kwargs) -> requests.PreparedRequest:
    url = f"{BASE_URL}/models/shape-classifier/classify"
    return requests.Request("POST", url, **kwargs).prepare()


# --- registry ----------------------------------------------------------------------------------


def test_list_models(client):
    response = client.get("/models")
    assert response.status_code == 200
    models = response.get_json()["models"]
    assert [m["name"] for m in models] == ["iris-classifier", "churn-predictor", "shape-classifier"]
    assert models[0] == {
        "name": "iris-classifier",
        "version": "1.2.0",
        "task": "classification",
        "input": "features",
        "description": (
            "Predicts the species of an iris flower from four measurements in centimetres."
        ),
    }
    assert [m["input"] for m in models] == ["features", "features", "image"]


def test_iris_metadata(client):
    body = client.get("/models/iris-classifier").get_json()
    assert body["labels"] == ["setosa", "versicolor", "virginica"]
    assert body["endpoint"] == "/models/iris-classifier/predict"
    assert [(f["name"], f["type"], f["unit"]) for f in body["features"]] == [
        ("sepal_length", "number", "cm"),
        ("sepal_width", "number", "cm"),
        ("petal_length", "number", "cm"),
        ("petal_width", "number", "cm"),
    ]
    assert body["example_request"] == {"features": IRIS_SETOSA}


def test_churn_metadata(client):
    body = client.get("/models/churn-predictor").get_json()
    assert body["version"] == "0.3.1"
    assert body["labels"] == ["churn", "stay"]
    assert [(f["name"], f["type"]) for f in body["features"]] == [
        ("tenure_months", "integer"),
        ("monthly_spend", "number"),
        ("support_tickets", "integer"),
    ]


def test_shape_metadata(client):
    body = client.get("/models/shape-classifier").get_json()
    assert body["input"] == "image"
    assert body["image_field"] == "image"
    assert body["endpoint"] == "/models/shape-classifier/classify"
    assert body["labels"] == ["circle", "square", "star", "triangle"]
    assert "features" not in body


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/models/gpt-9"),
        ("POST", "/models/gpt-9/predict"),
        ("POST", "/models/gpt-9/classify"),
    ],
)
def test_unknown_model(client, method, path):
    assert_error(
        client.open(path, method=method, json={"features": {}}),
        404,
        "not_found",
        "No model named 'gpt-9'. GET /models lists the available models.",
    )


def test_get_on_predict_is_405(client):
    response = client.get("/models/iris-classifier/predict")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "OPTIONS, POST"


# --- predictions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "features", "label", "confidence"),
    [
        ("iris-classifier", IRIS_SETOSA, "setosa", 0.978),
        ("iris-classifier", IRIS_VERSICOLOR, "versicolor", 0.796),
        ("iris-classifier", IRIS_VIRGINICA, "virginica", 0.958),
        ("churn-predictor", CHURNER, "churn", 0.989),
        ("churn-predictor", STAYER, "stay", 0.977),
    ],
)
def test_predict(client, model, features, label, confidence):
    response = client.post(f"/models/{model}/predict", json={"features": features})
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["model", "version", "label", "confidence", "request_id"]
    assert (body["model"], body["label"], body["confidence"]) == (model, label, confidence)
    assert REQUEST_ID.fullmatch(body["request_id"])
    assert response.headers["X-Request-Id"] == body["request_id"]


def test_predictions_and_request_ids_are_deterministic():
    def run():
        client = create_app().test_client()
        return [
            client.post("/models/iris-classifier/predict", json={"features": f}).get_json()
            for f in (IRIS_SETOSA, IRIS_SETOSA)
        ]

    first, second = run(), run()
    assert first == second
    assert first[0]["request_id"] != first[1]["request_id"]


def test_whole_floats_count_as_integers(client):
    features = {**CHURNER, "tenure_months": 3.0}
    response = client.post("/models/churn-predictor/predict", json={"features": features})
    assert response.get_json()["label"] == "churn"


def test_batch_predictions(client):
    response = client.post("/models/churn-predictor/predict", json={"instances": [CHURNER, STAYER]})
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["model", "version", "predictions", "request_id"]
    assert body["predictions"] == [
        {"label": "churn", "confidence": 0.989},
        {"label": "stay", "confidence": 0.977},
    ]


@pytest.mark.parametrize(
    ("features", "details"),
    [
        (
            {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4},
            [{"field": "features.petal_width", "problem": "is missing: number in cm"}],
        ),
        (
            {**IRIS_SETOSA, "colour": 1},
            [
                {
                    "field": "features.colour",
                    "problem": "unknown feature; iris-classifier expects sepal_length, "
                    "sepal_width, petal_length, petal_width",
                }
            ],
        ),
        (
            {**IRIS_SETOSA, "sepal_width": "3.5"},
            [{"field": "features.sepal_width", "problem": "must be a number, got string '3.5'"}],
        ),
        (
            {**IRIS_SETOSA, "sepal_width": True},
            [{"field": "features.sepal_width", "problem": "must be a number, got boolean True"}],
        ),
        (
            {**IRIS_SETOSA, "sepal_width": None},
            [{"field": "features.sepal_width", "problem": "must be a number, got null"}],
        ),
        (
            {**IRIS_SETOSA, "petal_length": -1},
            [{"field": "features.petal_length", "problem": "must be >= 0, got -1"}],
        ),
    ],
)
def test_predict_feature_validation(client, features, details):
    response = client.post("/models/iris-classifier/predict", json={"features": features})
    assert problems(response) == details


def test_integer_features_refuse_fractions(client):
    features = {**CHURNER, "support_tickets": 2.5}
    response = client.post("/models/churn-predictor/predict", json={"features": features})
    assert problems(response) == [
        {"field": "features.support_tickets", "problem": "must be an integer, got 2.5"}
    ]


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, [{"field": "features", "problem": "is required: send {'features': {...}}"}]),
        (
            {"features": [5.1, 3.5, 1.4, 0.2]},
            [
                {
                    "field": "features",
                    "problem": "must be an object of feature names to numbers, got array",
                }
            ],
        ),
        (
            {"features": None},
            [
                {
                    "field": "features",
                    "problem": "must be an object of feature names to numbers, got null",
                }
            ],
        ),
        (
            {"features": IRIS_SETOSA, "threshold": 0.5},
            [
                {
                    "field": "threshold",
                    "problem": "unknown field; send either 'features' (one) or 'instances' (batch)",
                }
            ],
        ),
        (
            {"features": IRIS_SETOSA, "instances": [IRIS_SETOSA]},
            [
                {
                    "field": "instances",
                    "problem": "unknown field; send either 'features' (one) or 'instances' (batch)",
                }
            ],
        ),
        (
            {"instances": []},
            [
                {
                    "field": "instances",
                    "problem": "must be an array of 1 to 100 objects, got 0 items",
                }
            ],
        ),
        (
            {"instances": {"a": 1}},
            [{"field": "instances", "problem": "must be an array of 1 to 100 objects, got object"}],
        ),
        (
            {"instances": [IRIS_SETOSA] * 101},
            [
                {
                    "field": "instances",
                    "problem": "must be an array of 1 to 100 objects, got 101 items",
                }
            ],
        ),
        (
            {"instances": [IRIS_SETOSA, {**IRIS_SETOSA, "petal_width": "0.2"}, 3]},
            [
                {
                    "field": "instances[1].petal_width",
                    "problem": "must be a number, got string '0.2'",
                },
                {
                    "field": "instances[2]",
                    "problem": "must be an object of feature names to numbers, got number",
                },
            ],
        ),
    ],
)
def test_predict_body_validation(client, body, details):
    assert problems(client.post("/models/iris-classifier/predict", json=body)) == details


def test_predict_needs_json(client):
    response = client.post("/models/iris-classifier/predict", data=IRIS_SETOSA)
    assert_error(response, 415, "unsupported_media_type")


def test_image_model_has_no_predict(client):
    response = client.post("/models/shape-classifier/predict", json={"features": {}})
    error = assert_error(response, 400, "bad_request")
    assert error["message"] == (
        "shape-classifier takes an image, not features: POST it as multipart to "
        "/models/shape-classifier/classify with files={'image': open(path, 'rb')}."
    )


def test_feature_model_has_no_classify(client):
    response = client.post(
        "/models/iris-classifier/classify", data={"image": (io.BytesIO(b"x"), "a.png")}
    )
    error = assert_error(response, 400, "bad_request")
    assert "POST JSON to /models/iris-classifier/predict" in error["message"]


# --- image classification ----------------------------------------------------------------------


def test_classify_reports_what_the_client_sent(client):
    prepared = upload(files={"image": ("circle.png", b"\x89PNG fake bytes", "image/png")})
    response = send(client, prepared)
    assert response.status_code == 200
    body = response.get_json()
    assert body == {
        "model": "shape-classifier",
        "version": "2.0.0",
        "filename": "circle.png",
        "content_type": "image/png",
        "size_bytes": 15,
        "label": body["label"],
        "confidence": body["confidence"],
        "request_id": body["request_id"],
    }
    assert body["label"] in ("circle", "square", "star", "triangle")
    assert 0.55 <= body["confidence"] <= 0.99
    assert response.headers["X-Request-Id"] == body["request_id"]


def test_classify_is_deterministic_from_the_bytes(client):
    first = send(client, upload(files={"image": ("a.png", b"abc")})).get_json()
    second = send(client, upload(files={"image": ("b.jpg", b"abc", "image/jpeg")})).get_json()
    assert (first["label"], first["confidence"]) == ("star", 0.757)
    assert (second["label"], second["confidence"]) == ("star", 0.757)
    assert second["filename"] == "b.jpg"


def test_classify_without_a_part_content_type_reports_null(client):
    prepared = upload(files={"image": ("shape.bin", io.BytesIO(b"\x00\x01\x02"))})
    body = send(client, prepared).get_json()
    assert body["content_type"] is None
    assert body["size_bytes"] == 3


def test_classify_with_a_wrong_part_name(client):
    response = send(client, upload(files={"file": ("a.png", b"abc")}))
    assert problems(response) == [
        {
            "field": "image",
            "problem": "is required: send the file in a part named 'image' with "
            "files={'image': open(path, 'rb')}; the file parts received were ['file']",
        }
    ]


def test_classify_with_the_image_as_a_form_field(client):
    prepared = upload(data={"image": "abc"}, files={"other": ("o.txt", b"x")})
    assert problems(send(client, prepared)) == [
        {
            "field": "image",
            "problem": "arrived as a plain form field, not a file: pass it with "
            "files={'image': open(path, 'rb')}",
        }
    ]


def test_classify_an_empty_file(client):
    response = send(client, upload(files={"image": ("empty.png", b"")}))
    assert problems(response) == [
        {
            "field": "image",
            "problem": "the file is empty (0 bytes): was it already read, or opened in text mode?",
        }
    ]


@pytest.mark.parametrize(
    "kwargs", [{"json": {"image": "abc"}}, {"data": b"raw bytes"}, {"data": {"image": "abc"}}]
)
def test_classify_needs_multipart(client, kwargs):
    error = assert_error(send(client, upload(**kwargs)), 415, "unsupported_media_type")
    assert error["message"] == (
        "Send the image as multipart/form-data, which requests builds when you pass "
        "files={'image': open(path, 'rb')}."
    )
