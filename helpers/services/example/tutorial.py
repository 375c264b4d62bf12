"""The endpoints popular requests tutorials call first: a model card, a dataset behind a Bearer
key, a page behind HTTP Basic auth, a file upload and a text generator.

The Basic-auth account is fake and public on purpose: user ``learner``, password
``demo-password``. No message ever quotes back a credential the client sent.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import Flask, Response, current_app, request

from helpers.services._common import Counter

from .auth import authenticate, require_scope
from .errors import ApiError
from .model_registry import MODELS
from .support import json_response, route, with_etag
from .validation import check_fields, check_text, detail, raise_if, read_json_object

STATE = "example.tutorial"
BASIC_USER = "learner"
BASIC_PASSWORD = "demo-password"  # fake and public on purpose, like the demo API keys
BASIC_REALM = 'Basic realm="api.example.com"'
BASIC_HINT = (
    "Pass the demo account with auth=(username, password); "
    "the API reference lists it under Authentication."
)
UPLOAD_PART = "file"
UPLOAD_HINT = "files={'file': open(path, 'rb')}"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PROMPT_MAX = 4000
TEXT_MODEL = "tiny-writer-1"

# /model/{id}: the deployed versions of the registry's models, as a "model card".
MODEL_CARDS = (
    ("iris-classifier", 0.953, "2025-02-14T09:30:00Z"),
    ("churn-predictor", 0.871, "2025-03-03T16:05:00Z"),
    ("shape-classifier", 0.912, "2025-01-28T11:45:00Z"),
)
DAILY_SIGNUPS = (
    ("2025-03-03", 41),
    ("2025-03-04", 38),
    ("2025-03-05", 52),
    ("2025-03-06", 47),
    ("2025-03-07", 60),
    ("2025-03-08", 23),
    ("2025-03-09", 19),
)
_OPENINGS = (
    "Here is a short answer.",
    "Good question.",
    "In short:",
    "A simple way to put it:",
)
_SENTENCES = (
    "Always pass a timeout so a slow server cannot hang your program.",
    "Check the status code before you trust the body.",
    "Read secrets from the environment, never from the notebook itself.",
    "Retry only what is safe to repeat, and back off between attempts.",
    "Send JSON with json= so that requests sets the Content-Type for you.",
    "Reuse a Session when you make many calls to the same host.",
    "Follow the next link until there is none, with a maximum as a guard.",
)


def register(app: Flask) -> None:
    app.extensions[STATE] = Counter()
    route(app, "/model/<model_id>", "model_card", GET=model_card)
    route(app, "/data", "data", GET=data)
    route(app, "/private", "private", GET=private)
    route(app, "/upload", "upload", POST=upload)
    route(app, "/generate", "generate", POST=generate)


def model_cards() -> list[dict[str, Any]]:
    cards = []
    for number, (name, score, deployed_at) in enumerate(MODEL_CARDS, start=1):
        model = MODELS[name]
        cards.append(
            {
                "id": number,
                "model_name": model.name,
                "version": model.version,
                "confidence_score": score,
                "status": "deployed",
                "task": "classification",
                "input": model.input,
                "labels": list(model.labels),
                "deployed_at": deployed_at,
            }
        )
    return cards


def model_card(model_id: str) -> Response:
    cards = model_cards()
    if model_id.isascii() and model_id.isdigit() and 1 <= int(model_id) <= len(cards):
        return with_etag(json_response(cards[int(model_id) - 1]))
    raise ApiError(
        404,
        f"No model with id {model_id}. Model ids are 1 to {len(cards)}; "
        "GET /models lists the models by name.",
    )


def data() -> Response:
    caller = require_scope("read")
    rows = [{"date": day, "signups": count} for day, count in DAILY_SIGNUPS]
    body = {"dataset": "daily-signups", "key_name": caller.key_name}
    body.update({"count": len(rows), "data": rows})
    return json_response(body)


# --- HTTP Basic auth ---------------------------------------------------------------------------


def _basic_unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": BASIC_REALM})


def private() -> Response:
    header = request.headers.get("Authorization")
    if header is None:
        raise _basic_unauthorized(
            "This endpoint needs HTTP Basic auth and no credentials were sent. " + BASIC_HINT
        )
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        raise _basic_unauthorized(
            "This endpoint uses HTTP Basic auth (a username and a password), not an API key "
            "or another scheme. " + BASIC_HINT
        )
    user_ok = hmac.compare_digest((credentials.username or "").encode(), BASIC_USER.encode())
    password_ok = hmac.compare_digest(
        (credentials.password or "").encode(), BASIC_PASSWORD.encode()
    )
    if not (user_ok and password_ok):
        raise _basic_unauthorized(
            "The username or the password is wrong (the API does not say which). " + BASIC_HINT
        )
    return json_response(
        {"authenticated": True, "user": BASIC_USER, "message": "Welcome to the private area."}
    )


# --- upload ------------------------------------------------------------------------------------


def upload() -> Response:
    if request.mimetype != "multipart/form-data":
        raise ApiError(
            415,
            "Send the file as multipart/form-data, which requests builds when you pass "
            f"{UPLOAD_HINT}.",
        )
    if request.content_length is not None and request.content_length > MAX_UPLOAD_BYTES:
        raise ApiError(413, f"The upload is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    part = request.files.get(UPLOAD_PART)
    if part is None:
        raise_if([detail(UPLOAD_PART, _missing_file_problem())])
    content = part.read()
    if not content:
        problem = "the file is empty (0 bytes): was it already read, or opened in text mode?"
        raise_if([detail(UPLOAD_PART, problem)])
    return json_response(
        {
            "filename": part.filename,
            "content_type": part.content_type,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    )


def _missing_file_problem() -> str:
    if UPLOAD_PART in request.form:
        return f"arrived as a plain form field, not a file: pass it with {UPLOAD_HINT}"
    received = sorted(request.files)
    found = f"; the file parts received were {received}" if received else ""
    return f"is required: send the file in a part named 'file' with {UPLOAD_HINT}{found}"


# --- text generation ---------------------------------------------------------------------------


def generated_text(prompt: str) -> str:
    """A deterministic "completion": the same prompt always gets the same text."""
    digest = hashlib.sha256(prompt.encode("utf-8")).digest()
    opening = _OPENINGS[digest[0] % len(_OPENINGS)]
    first = digest[1] % len(_SENTENCES)
    second = (first + 1 + digest[2] % (len(_SENTENCES) - 1)) % len(_SENTENCES)
    return f"{opening} {_SENTENCES[first]} {_SENTENCES[second]}"


def generate() -> Response:
    authenticate()
    body = read_json_object()
    details = []
    check_fields(body, ("prompt",), details)
    check_text(body, "prompt", details, max_length=PROMPT_MAX)
    raise_if(details)
    counter: Counter = current_app.extensions[STATE]
    request_id = counter.ident("req")
    text = generated_text(body["prompt"])
    payload = {"text": text, "model": TEXT_MODEL, "request_id": request_id}
    return json_response(payload, headers={"X-Request-Id": request_id})
