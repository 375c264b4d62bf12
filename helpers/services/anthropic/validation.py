"""Checks on headers and body, in the order and with the messages of the real Messages API.

Each check raises :class:`ApiError`; a valid body becomes a :class:`MessageRequest`.
Messages follow the real API's style (``<field path>: <problem>``, pydantic wording).
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from types import MappingProxyType

from flask import Request

from .errors import ApiError
from .models import ModelInfo, resolve

DEMO_API_KEY = "demo-anthropic-key"
API_VERSIONS = ("2023-06-01", "2023-01-01")

SUPPORTED_FIELDS = frozenset(
    {
        "model",
        "messages",
        "max_tokens",
        "system",
        "temperature",
        "top_p",
        "top_k",
        "stop_sequences",
        "stream",
        "metadata",
    }
)
# Real parameters this simulator does not implement: refused with a clear message.
UNSUPPORTED_FIELDS = frozenset(
    {
        "tools",
        "tool_choice",
        "thinking",
        "service_tier",
        "container",
        "mcp_servers",
        "context_management",
        "output_format",
        "output_config",
    }
)
# POST /v1/messages/count_tokens takes the input half of a Messages request.
COUNT_FIELDS = frozenset({"model", "messages", "system"})
# The default of each sampling parameter: on models that removed them only these are accepted.
SAMPLING_DEFAULTS = MappingProxyType({"temperature": 1, "top_p": 1, "top_k": None})
MESSAGE_FIELDS = frozenset({"role", "content"})
TEXT_BLOCK_FIELDS = frozenset({"type", "text", "cache_control", "citations"})


@dataclass(frozen=True)
class MessageRequest:
    """A validated request: messages as ``(role, text)`` pairs, text blocks joined by newlines."""

    model: str
    resolved_model: str
    max_tokens: int
    messages: tuple[tuple[str, str], ...]
    system: str
    stop_sequences: tuple[str, ...]
    stream: bool


def invalid(message: str) -> ApiError:
    return ApiError(400, message)


# ---------------------------------------------------------------- headers


def check_api_key(request: Request) -> None:
    key = request.headers.get("x-api-key", "")
    if not key:
        message = "x-api-key header is required"
        if request.headers.get("authorization"):
            message += (
                " (this API does not read the Authorization header: send your key as x-api-key)"
            )
        raise ApiError(401, message)
    if not hmac.compare_digest(key.encode(), DEMO_API_KEY.encode()):
        raise ApiError(401, "invalid x-api-key")


def check_version(request: Request) -> None:
    version = request.headers.get("anthropic-version")
    if version is None:
        raise invalid("anthropic-version: header is required")
    if version not in API_VERSIONS:
        raise invalid(f'anthropic-version: "{version}" is not a valid version')


def parse_json_body(request: Request, max_bytes: int) -> object:
    if request.content_length is not None and request.content_length > max_bytes:
        raise ApiError(413)
    if not request.is_json:
        got = request.mimetype or "no content-type"
        raise invalid(
            f"content-type: expected application/json, got {got!r} "
            "(with requests, send the body with json=..., not data=...)"
        )
    raw = request.get_data(cache=True)
    if len(raw) > max_bytes:
        raise ApiError(413)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise invalid(f"The request body is not valid JSON: {exc}") from None


# ---------------------------------------------------------------- body


def validate_body(body: object) -> MessageRequest:
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object")
    _check_fields(body, SUPPORTED_FIELDS)
    model = _model(body)
    max_tokens = _max_tokens(body)
    messages = _messages(body)
    system = _system(body.get("system"))
    sampling = _sampling(body)
    stop_sequences = _stop_sequences(body.get("stop_sequences"))
    stream = _stream(body.get("stream"))
    _metadata(body.get("metadata"))
    info = resolve(model)
    if max_tokens > info.max_tokens:
        raise invalid(
            f"max_tokens: {max_tokens} > {info.max_tokens}, which is the maximum allowed number "
            f"of output tokens for {info.id}"
        )
    _model_rules(info, sampling, messages)
    return MessageRequest(model, info.id, max_tokens, messages, system, stop_sequences, stream)


def validate_count_body(body: object) -> MessageRequest:
    """The body of ``POST /v1/messages/count_tokens``: model, messages and system only."""
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object")
    _check_fields(body, COUNT_FIELDS)
    model = _model(body)
    messages = _messages(body)
    system = _system(body.get("system"))
    info = resolve(model)
    return MessageRequest(model, info.id, 0, messages, system, (), False)


def _check_fields(body: dict, supported: frozenset[str]) -> None:
    for name in body:
        if name in UNSUPPORTED_FIELDS:
            raise invalid(
                f"{name}: not supported by the course's simulated API (the real API accepts it)"
            )
        if name not in supported:
            raise invalid(f"{name}: Extra inputs are not permitted")


def _model_rules(info: ModelInfo, sampling: dict[str, float | int | None], messages: tuple) -> None:
    """What some models refuse: sampling parameters (Opus 4.7 and later) and prefill (4.6 on)."""
    if info.sampling_parameters_removed:
        for name, value in sampling.items():
            if value is not None and value != SAMPLING_DEFAULTS[name]:
                raise invalid(f"`{name}` is deprecated for this model.")
    elif sampling["temperature"] is not None and sampling["top_p"] is not None:
        raise invalid(
            "`temperature` and `top_p` cannot both be specified for this model. "
            "Please use only one."
        )
    if messages[-1][0] == "assistant" and not info.prefill_supported:
        raise invalid(
            "This model does not support assistant message prefill. "
            "The conversation must end with a user message."
        )


def _model(body: dict) -> str:
    if "model" not in body:
        raise invalid("model: Field required")
    model = body["model"]
    if not isinstance(model, str):
        raise invalid("model: Input should be a valid string")
    return model


def _max_tokens(body: dict) -> int:
    if "max_tokens" not in body:
        raise invalid("max_tokens: Field required")
    value = _integer("max_tokens", body["max_tokens"])
    if value < 1:
        raise invalid("max_tokens: Input should be greater than or equal to 1")
    return value


def _integer(path: str, value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        raise invalid(
            f"{path}: Input should be a valid integer, got a number with a fractional part"
        )
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(f"{path}: Input should be a valid integer")
    return value


def _number(path: str, value: object, low: float, high: float | None) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise invalid(f"{path}: Input should be a valid number")
    if value < low:
        raise invalid(f"{path}: Input should be greater than or equal to {low:g}")
    if high is not None and value > high:
        raise invalid(f"{path}: Input should be less than or equal to {high:g}")
    return float(value)


def _messages(body: dict) -> tuple[tuple[str, str], ...]:
    if "messages" not in body:
        raise invalid("messages: Field required")
    messages = body["messages"]
    if not isinstance(messages, list):
        raise invalid("messages: Input should be a valid list")
    if not messages:
        raise invalid("messages: at least one message is required")
    parsed = tuple(_message(index, message) for index, message in enumerate(messages))
    for index, (role, text) in enumerate(parsed):
        is_last = index == len(parsed) - 1
        if not text and not (is_last and role == "assistant"):
            raise invalid(
                f"messages.{index}: all messages must have non-empty content except for the "
                "optional final assistant message"
            )
    role, text = parsed[-1]
    if role == "assistant" and text != text.rstrip():
        raise invalid("messages: final assistant content cannot end with trailing whitespace")
    return parsed


def _message(index: int, message: object) -> tuple[str, str]:
    path = f"messages.{index}"
    if not isinstance(message, dict):
        raise invalid(f"{path}: Input should be a valid dictionary")
    for name in message:
        if name not in MESSAGE_FIELDS:
            raise invalid(f"{path}.{name}: Extra inputs are not permitted")
    if "role" not in message:
        raise invalid(f"{path}.role: Field required")
    role = message["role"]
    if role not in ("user", "assistant"):
        raise invalid(f"{path}.role: Input should be 'user' or 'assistant'")
    if "content" not in message:
        raise invalid(f"{path}.content: Field required")
    return role, _content(f"{path}.content", message["content"])


def _content(path: str, content: object) -> str:
    """A string, or a list of text blocks joined with newlines."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise invalid(f"{path}: Input should be a valid string or a list of content blocks")
    return "\n".join(_text_block(f"{path}.{index}", block) for index, block in enumerate(content))


def _text_block(path: str, block: object) -> str:
    if not isinstance(block, dict):
        raise invalid(f"{path}: Input should be a valid dictionary")
    if "type" not in block:
        raise invalid(f"{path}.type: Field required")
    if block["type"] != "text":
        raise invalid(
            f"{path}.type: the course's simulated API only supports 'text' blocks "
            f"(got {block['type']!r})"
        )
    for name in block:
        if name not in TEXT_BLOCK_FIELDS:
            raise invalid(f"{path}.{name}: Extra inputs are not permitted")
    if "text" not in block:
        raise invalid(f"{path}.text: Field required")
    text = block["text"]
    if not isinstance(text, str):
        raise invalid(f"{path}.text: Input should be a valid string")
    if not text:
        raise invalid("messages: text content blocks must be non-empty")
    return text


def _system(system: object) -> str:
    if system is None:
        return ""
    if isinstance(system, str):
        return system
    if not isinstance(system, list):
        raise invalid("system: Input should be a valid string or a list of text blocks")
    texts = [_text_block(f"system.{index}", block) for index, block in enumerate(system)]
    return "\n".join(texts)


def _sampling(body: dict) -> dict[str, float | int | None]:
    """temperature, top_p and top_k are checked, then ignored: replies are deterministic."""
    temperature, top_p, top_k = body.get("temperature"), body.get("top_p"), body.get("top_k")
    if temperature is not None:
        _number("temperature", temperature, 0, 1)
    if top_p is not None:
        _number("top_p", top_p, 0, 1)
    if top_k is not None and _integer("top_k", top_k) < 0:
        raise invalid("top_k: Input should be greater than or equal to 0")
    return {"temperature": temperature, "top_p": top_p, "top_k": top_k}


def _stop_sequences(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise invalid("stop_sequences: Input should be a valid list")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise invalid(f"stop_sequences.{index}: Input should be a valid string")
        if not item.strip():
            raise invalid(f"stop_sequences.{index}: stop sequences must contain non-whitespace")
    return tuple(value)


def _stream(value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise invalid("stream: Input should be a valid boolean")
    return value


def _metadata(value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise invalid("metadata: Input should be a valid dictionary")
    for name, item in value.items():
        if name != "user_id":
            raise invalid(f"metadata.{name}: Extra inputs are not permitted")
        if item is not None and not isinstance(item, str):
            raise invalid("metadata.user_id: Input should be a valid string")
