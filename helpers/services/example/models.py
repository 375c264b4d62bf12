"""The model registry endpoints: list, metadata, JSON predictions and image classification."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request

from helpers.services._common import Counter

from .errors import ApiError, Detail
from .model_registry import MODELS, PREDICTORS, Model, classify_image
from .support import json_response, route, with_etag
from .validation import check_number, detail, json_type, raise_if, read_json_object

STATE = "example.models"
MAX_INSTANCES = 100
UPLOAD_HINT = "files={'image': open(path, 'rb')}"


def register(app: Flask) -> None:
    app.extensions[STATE] = Counter()
    route(app, "/models", "models", GET=list_models)
    route(app, "/models/<name>", "model", GET=get_model)
    route(app, "/models/<name>/predict", "predict", POST=predict)
    route(app, "/models/<name>/classify", "classify", POST=classify)


def _model(name: str) -> Model:
    if name not in MODELS:
        raise ApiError(404, f"No model named {name!r}. GET /models lists the available models.")
    return MODELS[name]


def _request_id() -> str:
    counter: Counter = current_app.extensions[STATE]
    return counter.ident("req")


def _answer(model: Model, body: dict[str, Any]) -> Response:
    request_id = _request_id()
    payload = {"model": model.name, "version": model.version, **body, "request_id": request_id}
    return json_response(payload, headers={"X-Request-Id": request_id})


def list_models() -> Response:
    return with_etag(json_response({"models": [m.summary() for m in MODELS.values()]}))


def get_model(name: str) -> Response:
    return with_etag(json_response(_model(name).metadata()))


# --- predictions from features -----------------------------------------------------------------


def predict(name: str) -> Response:
    model = _model(name)
    if model.input != "features":
        raise ApiError(
            400,
            f"{model.name} takes an image, not features: POST it as multipart to "
            f"{model.endpoint} with {UPLOAD_HINT}.",
        )
    body = read_json_object()
    if "instances" in body and "features" not in body:
        return _predict_batch(model, body)
    details: list[Detail] = []
    _check_top_level(body, "features", details)
    features = {}
    if "features" in body:
        features = _checked_features(model, body["features"], "features", details)
    raise_if(details)
    label, confidence = PREDICTORS[model.name](features)
    return _answer(model, {"label": label, "confidence": confidence})


def _predict_batch(model: Model, body: dict[str, Any]) -> Response:
    details: list[Detail] = []
    _check_top_level(body, "instances", details)
    instances = body["instances"]
    if not isinstance(instances, list) or not 1 <= len(instances) <= MAX_INSTANCES:
        got = f"{len(instances)} items" if isinstance(instances, list) else json_type(instances)
        details.append(
            detail("instances", f"must be an array of 1 to {MAX_INSTANCES} objects, got {got}")
        )
        raise_if(details)
    checked = [
        _checked_features(model, row, f"instances[{i}]", details) for i, row in enumerate(instances)
    ]
    raise_if(details)
    predictions = []
    for features in checked:
        label, confidence = PREDICTORS[model.name](features)
        predictions.append({"label": label, "confidence": confidence})
    return _answer(model, {"predictions": predictions})


def _check_top_level(body: dict[str, Any], key: str, details: list[Detail]) -> None:
    if "features" not in body and "instances" not in body:
        details.append(detail("features", "is required: send {'features': {...}}"))
    for name in body:
        if name != key:
            details.append(
                detail(name, "unknown field; send either 'features' (one) or 'instances' (batch)")
            )


def _checked_features(
    model: Model, features: Any, field: str, details: list[Detail]
) -> dict[str, float]:
    """Validate one set of features; the valid ones are returned, problems go to ``details``."""
    if not isinstance(features, dict):
        problem = f"must be an object of feature names to numbers, got {json_type(features)}"
        details.append(detail(field, problem))
        return {}
    expected = [feature.name for feature in model.features]
    for feature in model.features:
        name = f"{field}.{feature.name}"
        if feature.name not in features:
            details.append(detail(name, f"is missing: {feature.type} in {feature.unit}"))
        else:
            integer = feature.type == "integer"
            check_number(features[feature.name], name, details, integer=integer, minimum=0)
    for key in features:
        if key not in expected:
            problem = f"unknown feature; {model.name} expects {', '.join(expected)}"
            details.append(detail(f"{field}.{key}", problem))
    return {key: features[key] for key in expected if key in features}


# --- image classification ----------------------------------------------------------------------


def classify(name: str) -> Response:
    model = _model(name)
    if model.input != "image":
        raise ApiError(
            400,
            f"{model.name} takes features, not an image: POST JSON to {model.endpoint} "
            "with json={'features': {...}}.",
        )
    if request.mimetype != "multipart/form-data":
        raise ApiError(
            415,
            "Send the image as multipart/form-data, which requests builds when you pass "
            f"{UPLOAD_HINT}.",
        )
    upload = request.files.get("image")
    if upload is None:
        raise_if([detail("image", _missing_image_problem())])
    data = upload.read()
    if not data:
        problem = "the file is empty (0 bytes): was it already read, or opened in text mode?"
        raise_if([detail("image", problem)])
    label, confidence = classify_image(data)
    return _answer(
        model,
        {
            "filename": upload.filename,
            "content_type": upload.content_type,
            "size_bytes": len(data),
            "label": label,
            "confidence": confidence,
        },
    )


def _missing_image_problem() -> str:
    if "image" in request.form:
        return f"arrived as a plain form field, not a file: pass it with {UPLOAD_HINT}"
    received = sorted(request.files)
    found = f"; the file parts received were {received}" if received else ""
    return f"is required: send the file in a part named 'image' with {UPLOAD_HINT}{found}"
