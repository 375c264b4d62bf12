"""The Flask app: routing, request ids, the request-count rate limit, faults, responses."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from .._common import Counter, install_faults
from .errors import ApiError, error_response, to_json
from .replies import Reply, count_input_tokens, generate
from .streaming import events
from .validation import (
    MessageRequest,
    check_api_key,
    check_version,
    parse_json_body,
    validate_body,
)

DEFAULT_CONFIG = {
    "ANTHROPIC_REQUESTS_LIMIT": 50,  # requests per window (see the package docstring)
    "ANTHROPIC_INPUT_TOKENS_LIMIT": 30000,  # reported in headers, not enforced
    "ANTHROPIC_OUTPUT_TOKENS_LIMIT": 8000,  # reported in headers, not enforced
    "ANTHROPIC_STREAM_DELAY": 0.0,  # seconds before each content_block_delta
    "ANTHROPIC_MAX_BODY_BYTES": 32 * 1024 * 1024,
}
RETRY_AFTER_SECONDS = 1
WINDOW_SECONDS = 60


@dataclass
class RateWindow:
    """Requests and tokens used in the current window. Refusing a request starts a new one."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def admit(self, limit: int) -> bool:
        """Count one request; a full window refuses it (False) and starts over empty."""
        with self.lock:
            if self.requests >= limit:
                self.requests = self.input_tokens = self.output_tokens = 0
                return False
            self.requests += 1
            return True

    def record(self, input_tokens: int, output_tokens: int) -> None:
        with self.lock:
            self.input_tokens += input_tokens
            self.output_tokens += output_tokens


@dataclass
class ServiceState:
    """Everything one app remembers; a new app starts from zero."""

    request_ids: Counter = field(default_factory=Counter)
    message_ids: Counter = field(default_factory=Counter)
    window: RateWindow = field(default_factory=RateWindow)
    stream_faults: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_stream_fault(self) -> bool:
        with self.lock:
            if self.stream_faults <= 0:
                return False
            self.stream_faults -= 1
            return True


def create_app() -> Flask:
    """A new simulated api.anthropic.com with fresh state (ids, rate-limit window, faults)."""
    app = Flask(__name__)
    app.config.update(DEFAULT_CONFIG)
    state = ServiceState()
    app.extensions["anthropic"] = state

    @app.before_request
    def assign_request_id() -> None:
        g.request_id = state.request_ids.ident("req")

    install_faults(app, lambda status: make_error(app, state, status))

    @app.after_request
    def add_request_id(response: Response) -> Response:
        response.headers["request-id"] = current_request_id(state)
        return response

    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError) -> Response:
        return error_response(error, current_request_id(state))

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> Response:
        status = error.code or 500
        if status < 400:
            return error.get_response()
        message = "Not found" if status == 404 else error.name
        response = error_response(ApiError(status, message), current_request_id(state))
        if status == 405:
            response.headers["allow"] = "POST"
        return response

    @app.post("/v1/messages")
    def create_message() -> Response:
        return handle_create_message(app, state)

    return app


def current_request_id(state: ServiceState) -> str:
    if "request_id" not in g:
        g.request_id = state.request_ids.ident("req")
    return g.request_id


def make_error(app: Flask, state: ServiceState, status: int) -> Response:
    """The error response for an injected fault (see ``helpers.services._common``)."""
    error = ApiError(status)
    if status == 429:
        error = rate_limited(app, state)
    return error_response(error, current_request_id(state))


def rate_limited(app: Flask, state: ServiceState) -> ApiError:
    limit = app.config["ANTHROPIC_REQUESTS_LIMIT"]
    headers = rate_limit_headers(app, state, refused=True)
    headers["retry-after"] = str(RETRY_AFTER_SECONDS)
    message = (
        f"This request would exceed your organization's rate limit of {limit} requests per "
        "minute. Please wait for the time given in the retry-after header and try again."
    )
    return ApiError(429, message, headers=headers)


def rate_limit_headers(app: Flask, state: ServiceState, *, refused: bool = False) -> dict[str, str]:
    """The ``anthropic-ratelimit-*`` headers for the current window."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    seconds = RETRY_AFTER_SECONDS if refused else WINDOW_SECONDS
    reset = (now + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")
    window = state.window
    request_limit = app.config["ANTHROPIC_REQUESTS_LIMIT"]
    input_limit = app.config["ANTHROPIC_INPUT_TOKENS_LIMIT"]
    output_limit = app.config["ANTHROPIC_OUTPUT_TOKENS_LIMIT"]
    with window.lock:
        used = {
            "requests": (request_limit, request_limit if refused else window.requests),
            "tokens": (input_limit + output_limit, window.input_tokens + window.output_tokens),
            "input-tokens": (input_limit, window.input_tokens),
            "output-tokens": (output_limit, window.output_tokens),
        }
    headers = {}
    for name, (limit, spent) in used.items():
        headers[f"anthropic-ratelimit-{name}-limit"] = str(limit)
        headers[f"anthropic-ratelimit-{name}-remaining"] = str(max(0, limit - spent))
        headers[f"anthropic-ratelimit-{name}-reset"] = reset
    return headers


def handle_create_message(app: Flask, state: ServiceState) -> Response:
    """Auth, rate limit, version, body, model; then the reply as JSON or as events."""
    check_api_key(request)
    if not state.window.admit(app.config["ANTHROPIC_REQUESTS_LIMIT"]):
        raise rate_limited(app, state)
    check_version(request)
    body = parse_json_body(request, app.config["ANTHROPIC_MAX_BODY_BYTES"])
    params = validate_body(body)
    reply = generate(params)
    message = message_body(state, params, reply)
    usage = message["usage"]
    state.window.record(usage["input_tokens"], usage["output_tokens"])
    headers = rate_limit_headers(app, state)
    if params.stream:
        stream = events(
            message,
            reply,
            delay=app.config["ANTHROPIC_STREAM_DELAY"],
            fail_mid_stream=state.take_stream_fault(),
        )
        headers["cache-control"] = "no-cache"
        return Response(stream, mimetype="text/event-stream", headers=headers)
    return Response(to_json(message), mimetype="application/json", headers=headers)


def message_body(state: ServiceState, params: MessageRequest, reply: Reply) -> dict:
    return {
        "id": state.message_ids.ident("msg"),
        "type": "message",
        "role": "assistant",
        "model": params.model,
        "content": [{"type": "text", "text": text} for text in reply.blocks],
        "stop_reason": reply.stop_reason,
        "stop_sequence": reply.stop_sequence,
        "usage": {"input_tokens": count_input_tokens(params), "output_tokens": reply.output_tokens},
    }


def queue_stream_error(app: Flask, times: int = 1) -> None:
    """Make the next ``times`` streaming responses break off with ``event: error`` (overloaded)."""
    state: ServiceState = app.extensions["anthropic"]
    with state.lock:
        state.stream_faults += times
