"""The fictional model registry: what each model expects and the rules that make it "predict".

The rules are simple and deterministic, so the same features always give the same label and
confidence, and the answers still look plausible.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    name: str
    type: str  # "number" or "integer"
    unit: str
    description: str

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "type": self.type,
            "unit": self.unit,
            "description": self.description,
        }


@dataclass(frozen=True)
class Model:
    name: str
    version: str
    input: str  # "features" or "image"
    description: str
    labels: tuple[str, ...]
    features: tuple[Feature, ...] = ()
    example: tuple[tuple[str, float], ...] = ()

    @property
    def endpoint(self) -> str:
        action = "predict" if self.input == "features" else "classify"
        return f"/models/{self.name}/{action}"

    def summary(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "task": "classification",
            "input": self.input,
            "description": self.description,
        }

    def metadata(self) -> dict[str, object]:
        body = self.summary()
        body["labels"] = list(self.labels)
        body["endpoint"] = self.endpoint
        if self.input == "features":
            body["features"] = [feature.as_dict() for feature in self.features]
            body["example_request"] = {"features": dict(self.example)}
        else:
            body["image_field"] = "image"
            body["example_request"] = "multipart/form-data with a file part named 'image'"
        return body


IRIS = Model(
    name="iris-classifier",
    version="1.2.0",
    input="features",
    description="Predicts the species of an iris flower from four measurements in centimetres.",
    labels=("setosa", "versicolor", "virginica"),
    features=(
        Feature("sepal_length", "number", "cm", "Length of the sepal."),
        Feature("sepal_width", "number", "cm", "Width of the sepal."),
        Feature("petal_length", "number", "cm", "Length of the petal."),
        Feature("petal_width", "number", "cm", "Width of the petal."),
    ),
    example=(
        ("sepal_length", 5.1),
        ("sepal_width", 3.5),
        ("petal_length", 1.4),
        ("petal_width", 0.2),
    ),
)
CHURN = Model(
    name="churn-predictor",
    version="0.3.1",
    input="features",
    description="Predicts whether a customer will churn or stay.",
    labels=("churn", "stay"),
    features=(
        Feature("tenure_months", "integer", "months", "How long the customer has been with us."),
        Feature("monthly_spend", "number", "EUR", "Average spend per month."),
        Feature("support_tickets", "integer", "count", "Support tickets in the last 90 days."),
    ),
    example=(("tenure_months", 3), ("monthly_spend", 80.0), ("support_tickets", 4)),
)
SHAPES = Model(
    name="shape-classifier",
    version="2.0.0",
    input="image",
    description="Tells which shape an uploaded image shows.",
    labels=("circle", "square", "star", "triangle"),
)
MODELS = {model.name: model for model in (IRIS, CHURN, SHAPES)}


def _confidence(margin: float) -> float:
    """0.5 on a decision boundary, approaching 0.99 far from it."""
    return round(0.5 + 0.49 * math.tanh(2 * max(margin, 0.0)), 3)


def predict_iris(features: Mapping[str, float]) -> tuple[str, float]:
    """The textbook decision tree on petal length and width."""
    petal_length, petal_width = features["petal_length"], features["petal_width"]
    if petal_length < 2.5:
        return "setosa", _confidence(2.5 - petal_length)
    if petal_width < 1.75 and petal_length < 4.95:
        return "versicolor", _confidence(min(1.75 - petal_width, 4.95 - petal_length))
    return "virginica", _confidence(max(petal_width - 1.75, petal_length - 4.95))


def predict_churn(features: Mapping[str, float]) -> tuple[str, float]:
    """A logistic score: new customers with many tickets churn, loyal quiet ones stay."""
    score = (
        0.9 * features["support_tickets"]
        - 0.08 * features["tenure_months"]
        + 0.02 * features["monthly_spend"]
        - 0.5
    )
    churn = 1 / (1 + math.exp(-max(min(score, 50.0), -50.0)))
    label = "churn" if churn >= 0.5 else "stay"
    return label, round(min(max(churn, 1 - churn), 0.999), 3)


def classify_image(data: bytes) -> tuple[str, float]:
    """A "classification" that is a hash of the bytes: stable, and any bytes will do."""
    digest = hashlib.sha256(data).digest()
    label = SHAPES.labels[digest[0] % len(SHAPES.labels)]
    return label, round(0.55 + 0.44 * digest[1] / 255, 3)


PREDICTORS = {IRIS.name: predict_iris, CHURN.name: predict_churn}
