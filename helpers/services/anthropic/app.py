"""The Flask app: routing, request ids, the rate limit, faults, and the four endpoints."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .._common import Counter, guard_json, install_faults
from . import ratelimit, streaming
from .errors import ApiError, error_response, to_json
from .models import list_page, model_object
from .replies import Reply, count_input_tokens, count_tokens, generate
from .validation import (
    MessageRequest,
    check_api_key,
    check_version,
    parse_json_body,
    validate_body,
    validate_count_body,
)

DEFAULT_CONFIG = {
    "ANTHROPIC_REQUESTS_LIMIT": 50,  # requests per window (see the package docstring)
    "ANTHROPIC_INPUT_TOKENS_LIMIT": 30000,  # reported in headers, not enforced
    "ANTHROPIC_OUTPUT_TOKENS_LIMIT": 8000,  # reported in headers, not enforced
    "ANTHROPIC_RETRY_AFTER": 1,  # seconds a rate-limited client must wait
    "ANTHROPIC_STREAM_DELAY": 0.0,  # seconds before each content_block_delta
    "ANTHROPIC_MAX_BODY_BYTES": 32 * 1024 * 1024,
}


@dataclass
class ServiceState:
    """Everything one app remembers; a new app starts from zero."""

    request_ids: Counter = field(default_factory=Counter)
    message_ids: Counter = field(default_factory=Counter)
    limiter: ratelimit.RateLimiter = field(default_factory=ratelimit.RateLimiter)
    stream_faults: int = 0
    unicode_streams: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, name: str) -> bool:
        """Use up one queued ``stream_faults`` or ``unicode_streams``, if any."""
        with self.lock:
            if getattr(self, name) <= 0:
                return False
            setattr(self, name, getattr(self, name) - 1)
            return True


def create_app() -> Flask:
    """A new simulated api.anthropic.com with fresh state (ids, rate limit, faults)."""
    app = Flask(__name__)
    app.config.update(DEFAULT_CONFIG)
    state = ServiceState()
    app.extensions["anthropic"] = state

    @app.before_request
    def assign_request_id() -> None:
        g.request_id = state.request_ids.ident("req")

    install_faults(app, lambda status: make_error(app, state, status))
    guard_json(app, lambda: error_response(too_deep(), current_request_id(state)))

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
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            methods = [m for m in error.valid_methods if m not in ("HEAD", "OPTIONS")]
            response.headers["allow"] = ", ".join(methods)
        return response

    @app.post("/v1/messages")
    def create_message() -> Response:
        return handle_create_message(app, state)

    @app.post("/v1/messages/count_tokens")
    def count_message_tokens() -> Response:
        check_api_key(request)
        check_version(request)
        body = parse_json_body(request, app.config["ANTHROPIC_MAX_BODY_BYTES"])
        params = validate_count_body(body)
        return json_response({"input_tokens": count_input_tokens(params)})

    @app.get("/v1/models")
    def list_models() -> Response:
        check_api_key(request)
        check_version(request)
        return json_response(list_page(request.args.to_dict()))

    @app.get("/v1/models/<path:model_id>")
    def get_model(model_id: str) -> Response:
        check_api_key(request)
        check_version(request)
        return json_response(model_object(model_id))

    return app


def json_response(data: dict, headers: dict[str, str] | None = None) -> Response:
    return Response(to_json(data), mimetype="application/json", headers=headers)


def too_deep() -> ApiError:
    return ApiError(400, "The request body is not valid JSON: nesting too deep")


def current_request_id(state: ServiceState) -> str:
    if "request_id" not in g:
        g.request_id = state.request_ids.ident("req")
    return g.request_id


def limits(app: Flask) -> dict[str, int]:
    return {
        "requests": app.config["ANTHROPIC_REQUESTS_LIMIT"],
        "input_tokens": app.config["ANTHROPIC_INPUT_TOKENS_LIMIT"],
        "output_tokens": app.config["ANTHROPIC_OUTPUT_TOKENS_LIMIT"],
    }


def make_error(app: Flask, state: ServiceState, status: int) -> Response:
    """The error response for an injected fault (see ``helpers.services._common``). An injected
    429 carries ``retry-after`` but does not start a wait: only the next request fails."""
    error = ApiError(status)
    if status == 429:
        error = rate_limited(app, state, app.config["ANTHROPIC_RETRY_AFTER"])
    return error_response(error, current_request_id(state))


def rate_limited(app: Flask, state: ServiceState, retry_after: int) -> ApiError:
    limit = app.config["ANTHROPIC_REQUESTS_LIMIT"]
    headers = ratelimit.headers(state.limiter, limits(app), refused_for=retry_after)
    headers["retry-after"] = str(retry_after)
    message = (
        f"This request would exceed your organization's rate limit of {limit} requests per "
        "minute. Please wait for the time given in the retry-after header and try again."
    )
    return ApiError(429, message, headers=headers)


def handle_create_message(app: Flask, state: ServiceState) -> Response:
    """Auth, rate limit, version, body, model; then the reply as JSON or as events."""
    check_api_key(request)
    wait = state.limiter.admit(
        app.config["ANTHROPIC_REQUESTS_LIMIT"], app.config["ANTHROPIC_RETRY_AFTER"]
    )
    if wait is not None:
        raise rate_limited(app, state, wait)
    check_version(request)
    body = parse_json_body(request, app.config["ANTHROPIC_MAX_BODY_BYTES"])
    params = validate_body(body)
    if params.stream and state.take("unicode_streams"):
        return unicode_stream(app, state, params)
    reply = generate(params)
    message = message_body(state, params, reply)
    usage = message["usage"]
    state.limiter.record(usage["input_tokens"], usage["output_tokens"])
    headers = ratelimit.headers(state.limiter, limits(app))
    if params.stream:
        stream = streaming.events(
            message,
            reply,
            delay=app.config["ANTHROPIC_STREAM_DELAY"],
            fail_mid_stream=state.take("stream_faults"),
        )
        headers["cache-control"] = "no-cache"
        return Response(stream, mimetype="text/event-stream", headers=headers)
    return json_response(message, headers)


def unicode_stream(app: Flask, state: ServiceState, params: MessageRequest) -> Response:
    """The stream :func:`queue_unicode_stream` asked for (see ``streaming.unicode_events``)."""
    message = message_body(state, params, Reply((), "end_turn", None, 0))

    def build(text: str) -> bytes:
        return streaming.unicode_events(message, text)

    text, body = streaming.aligned_unicode_body(build)
    state.limiter.record(message["usage"]["input_tokens"], count_tokens(text))
    headers = ratelimit.headers(state.limiter, limits(app))
    headers["cache-control"] = "no-cache"
    pieces = streaming.byte_pieces(body, delay=app.config["ANTHROPIC_STREAM_DELAY"])
    return Response(pieces, mimetype="text/event-stream", headers=headers)


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
    """Make the next ``times`` streaming responses break off with ``event: error`` (overloaded)
    after their first ``content_block_delta``."""
    state: ServiceState = app.extensions["anthropic"]
    with state.lock:
        state.stream_faults += times


def queue_unicode_stream(app: Flask, times: int = 1) -> None:
    """Make the next ``times`` streaming responses (any prompt) carry a text with U+2028,
    U+2029 and multi-byte UTF-8 characters (the 4-byte 🎉 straddles a 512-byte boundary of
    the body), then break off with ``event: error`` (overloaded_error) instead of
    ``content_block_stop``."""
    state: ServiceState = app.extensions["anthropic"]
    with state.lock:
        state.unicode_streams += times


def advance_clock(app: Flask, seconds: float) -> None:
    """Move the service's clock forward, as if ``seconds`` had passed (ends a rate-limit wait)."""
    state: ServiceState = app.extensions["anthropic"]
    state.limiter.advance(seconds)
