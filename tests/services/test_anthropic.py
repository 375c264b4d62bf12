"""Unit tests for the simulated api.anthropic.com (Messages API), through Flask's test client."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from helpers.services import anthropic
from helpers.services._common import queue_faults
from helpers.services.anthropic import DEMO_API_KEY, HOST, create_app, queue_stream_error
from helpers.services.anthropic.replies import count_tokens, tokenize
from helpers.services.anthropic.streaming import chunks

URL = "/v1/messages"
HEADERS = {"x-api-key": "demo-anthropic-key", "anthropic-version": "2023-06-01"}
REQUEST_ID = re.compile(r"^req_[0-9a-f]{24}$")
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def body(content="What is JSON?", **extra):
    return {
        "model": "claude-haiku-4-5",
        "max_tokens": 256,
        "messages": [{"role": "user", "content": content}],
        **extra,
    }


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def post(client, payload=None, headers=None, **kwargs):
    if payload is None and "data" not in kwargs:
        payload = body()
    all_headers = {**HEADERS, **(headers or {})}
    all_headers = {name: value for name, value in all_headers.items() if value is not None}
    if "data" in kwargs:
        return client.post(URL, headers=all_headers, **kwargs)
    return client.post(URL, json=payload, headers=all_headers, **kwargs)


def text_of(response):
    return "".join(block["text"] for block in response.get_json()["content"])


def assert_error(response, status, error_type, message=None):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"type", "error", "request_id"}
    assert data["type"] == "error"
    assert data["error"]["type"] == error_type
    assert REQUEST_ID.match(response.headers["request-id"])
    assert data["request_id"] == response.headers["request-id"]
    if message is not None:
        assert data["error"]["message"] == message
    return data["error"]["message"]


def parse_events(response):
    raw = response.get_data(as_text=True)
    assert raw.endswith("\n\n")
    events = []
    for chunk in raw.split("\n\n")[:-1]:
        event_line, data_line = chunk.split("\n")
        assert event_line.startswith("event: ")
        assert data_line.startswith("data: ")
        events.append((event_line[len("event: ") :], json.loads(data_line[len("data: ") :])))
    return events


# ---------------------------------------------------------------- module and happy path


def test_module_exposes_host_factory_and_demo_key():
    assert HOST == "api.anthropic.com"
    assert DEMO_API_KEY == "demo-anthropic-key"
    assert callable(anthropic.create_app)
    assert create_app() is not create_app()


def test_happy_path_has_the_real_shape(client):
    response = post(client)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert list(data) == [
        "id",
        "type",
        "role",
        "model",
        "content",
        "stop_reason",
        "stop_sequence",
        "usage",
    ]
    assert re.match(r"^msg_[0-9a-f]{24}$", data["id"])
    assert data["type"] == "message"
    assert data["role"] == "assistant"
    assert data["model"] == "claude-haiku-4-5"
    assert data["content"] == [{"type": "text", "text": data["content"][0]["text"]}]
    assert data["stop_reason"] == "end_turn"
    assert data["stop_sequence"] is None
    assert set(data["usage"]) == {"input_tokens", "output_tokens"}
    assert data["usage"]["output_tokens"] == count_tokens(data["content"][0]["text"])
    assert REQUEST_ID.match(response.headers["request-id"])


@pytest.mark.parametrize("model", sorted(anthropic.MODELS))
def test_every_model_is_accepted_and_echoed(client, model):
    response = post(client, body(model=model))
    assert response.status_code == 200
    assert response.get_json()["model"] == model


def test_replies_are_deterministic_and_ids_restart_with_a_new_app():
    first = post(create_app().test_client()).get_json()
    second = post(create_app().test_client()).get_json()
    assert first == second


def test_ids_differ_between_requests_of_one_app(client):
    one, two = post(client), post(client)
    assert one.get_json()["id"] != two.get_json()["id"]
    assert one.headers["request-id"] != two.headers["request-id"]
    assert one.get_json()["content"] == two.get_json()["content"]


def test_content_as_text_blocks_and_system_as_blocks(client):
    blocks = [{"type": "text", "text": "What is"}, {"type": "text", "text": "an API?"}]
    system = [{"type": "text", "text": "You are terse."}]
    response = post(client, body(blocks, system=system))
    assert response.status_code == 200
    text = text_of(response)
    assert 'You asked: "What is an API?"' in text
    assert 'system prompt) say: "You are terse."' in text


def test_input_tokens_count_system_and_messages_plus_three_per_message(client):
    response = post(client, body("Hello", system="Be brief."))
    assert response.get_json()["usage"]["input_tokens"] == count_tokens("Be brief.") + 1 + 3


def test_tokenizer_pieces_rebuild_the_text():
    text = "Hello! How can I help you today?  Extraordinarily\n"
    assert "".join(tokenize(text)) == text
    assert count_tokens("Hello! How can I help you today?") == 9
    assert count_tokens("") == 0


# ---------------------------------------------------------------- reply rules


@pytest.mark.parametrize(
    ("description", "label"),
    [
        ("Fast CSV loading and ETL helpers built on pandas", "data"),
        ("Train a small neural network; an LLM fine-tuning toolkit", "ml/ai"),
        ("A Flask REST API with a React frontend", "web"),
        ("Dockerfiles and CI workflows to deploy to Kubernetes", "devops"),
        ("The documentation and tutorials for our project, in Markdown", "docs"),
        ("A tiny game of snake for the terminal", "other"),
    ],
)
def test_classification_answers_exactly_one_offered_label(client, description, label):
    prompt = (
        "Classify this software repository description into one of: "
        f"data, ml/ai, web, devops, docs, other.\nDescription: {description}"
    )
    response = post(client, body(prompt))
    assert response.get_json()["content"] == [{"type": "text", "text": label}]


def test_classification_uses_the_labels_as_spelled_in_the_prompt(client):
    prompt = (
        "Labels: Data engineering, Machine learning, Web development, DevOps, Other\n"
        "Repository: scripts to plot charts from SQL queries"
    )
    assert text_of(post(client, body(prompt))) == "Data engineering"


def test_classification_without_an_other_label_falls_back_to_the_last(client):
    prompt = "Labels: web | data | misc-tools\nDescription: a music player"
    assert text_of(post(client, body(prompt))) == "misc-tools"


def test_label_words_themselves_do_not_count_as_keywords(client):
    prompt = "Labels: data, web, other\nDescription: a chess engine written in Rust"
    assert text_of(post(client, body(prompt))) == "other"


def test_label_and_reason_come_in_one_block_on_two_lines(client):
    prompt = (
        "Labels: data, ml, web, devops, docs, other\n"
        "Description: Train models with PyTorch.\nGive the label and a short reason."
    )
    content = post(client, body(prompt)).get_json()["content"]
    assert len(content) == 1
    label, reason = content[0]["text"].split("\n")
    assert label == "ml"
    assert reason.startswith("Reason: the description mentions train")


def test_no_explanation_means_one_block(client):
    prompt = (
        "Labels: data, ml, web, other\nDescription: a pandas toolkit. "
        "Reply with the label only, no explanation."
    )
    assert post(client, body(prompt)).get_json()["content"] == [{"type": "text", "text": "data"}]


@pytest.mark.parametrize("prompt", ["Say hello", "Please say hello to the class", "hi there!"])
def test_greetings(client, prompt):
    assert text_of(post(client, body(prompt))) == "Hello! How can I help you today?"


def test_long_message_starting_with_hi_is_not_a_greeting(client):
    prompt = "Hi, can you tell me what the difference between a header and a query parameter is?"
    assert text_of(post(client, body(prompt))).startswith("You asked:")


def test_list_request_is_one_block_lead_then_numbered_items(client):
    content = post(client, body("List three tips for calling web APIs")).get_json()["content"]
    assert len(content) == 1
    lead, items = content[0]["text"].split("\n\n")
    assert lead.startswith("Here are 3 short points")
    assert "List three tips for calling web APIs" in lead
    assert [item[:3] for item in items.split("\n")] == ["1. ", "2. ", "3. "]


def list_items(client, prompt):
    return post(client, body(prompt)).get_json()["content"][0]["text"].split("\n\n")[1]


def test_list_length_follows_the_prompt_and_is_capped(client):
    assert len(list_items(client, "Give me 5 ideas for a data project").split("\n")) == 5
    assert len(list_items(client, "Give me 20 ideas for a data project").split("\n")) == 5


@pytest.mark.parametrize(
    "prompt",
    [
        "What is JSON?",
        "Say hello",
        "List three tips for calling web APIs",
        "Labels: data, ml, other\nDescription: pandas. Explain why.",
    ],
)
def test_every_reply_is_one_text_block(client, prompt):
    content = post(client, body(prompt)).get_json()["content"]
    assert [block["type"] for block in content] == ["text"]


def test_default_reply_quotes_the_question_and_mentions_history(client):
    messages = [
        {"role": "user", "content": "My name is Ada."},
        {"role": "assistant", "content": "Nice to meet you."},
        {"role": "user", "content": "What is my name?"},
    ]
    text = text_of(post(client, body(messages=messages)))
    assert text.startswith('You asked: "What is my name?"')
    assert 'Earlier in this conversation you wrote: "My name is Ada."' in text


def test_long_question_is_summarised_by_its_first_words(client):
    prompt = " ".join(f"word{i}" for i in range(30))
    text = text_of(post(client, body(prompt)))
    assert "word11..." in text
    assert "word12" not in text


def test_final_assistant_message_is_a_prefill_that_is_continued(client):
    messages = [
        {"role": "user", "content": "say hello"},
        {"role": "assistant", "content": "Hello!"},
    ]
    assert text_of(post(client, body(messages=messages))) == " How can I help you today?"


def test_consecutive_user_turns_are_accepted(client):
    messages = [{"role": "user", "content": "One."}, {"role": "user", "content": "Say hello"}]
    assert post(client, body(messages=messages)).status_code == 200


# ---------------------------------------------------------------- stopping


def test_small_max_tokens_truncates_the_reply(client):
    data = post(client, body("Say hello", max_tokens=3)).get_json()
    assert data["content"] == [{"type": "text", "text": "Hello! How"}]
    assert data["stop_reason"] == "max_tokens"
    assert data["stop_sequence"] is None
    assert data["usage"]["output_tokens"] == 3


def test_max_tokens_can_drop_the_second_block(client):
    data = post(client, body("List three tips", max_tokens=4)).get_json()
    assert len(data["content"]) == 1
    assert data["stop_reason"] == "max_tokens"


def test_stop_sequence_cuts_before_it(client):
    data = post(client, body("Say hello", stop_sequences=["END", " can"])).get_json()
    assert data["content"][0]["text"] == "Hello! How"
    assert data["stop_reason"] == "stop_sequence"
    assert data["stop_sequence"] == " can"


def test_stop_sequence_at_the_start_leaves_no_content(client):
    data = post(client, body("Say hello", stop_sequences=["Hello"])).get_json()
    assert data["content"] == []
    assert data["stop_reason"] == "stop_sequence"
    assert data["usage"]["output_tokens"] == 0


def test_absent_stop_sequence_is_end_turn(client):
    data = post(client, body("Say hello", stop_sequences=["###"])).get_json()
    assert data["stop_reason"] == "end_turn"
    assert data["stop_sequence"] is None


# ---------------------------------------------------------------- auth and headers


def test_missing_api_key(client):
    response = post(client, headers={"x-api-key": None})
    assert_error(response, 401, "authentication_error", "x-api-key header is required")


def test_wrong_api_key(client):
    response = post(client, headers={"x-api-key": "sk-ant-real-looking"})
    assert_error(response, 401, "authentication_error", "invalid x-api-key")


def test_bearer_token_is_not_how_this_api_authenticates(client):
    headers = {"x-api-key": None, "Authorization": f"Bearer {DEMO_API_KEY}"}
    message = assert_error(post(client, headers=headers), 401, "authentication_error")
    assert message.startswith("x-api-key header is required")
    assert "x-api-key" in message.split("required", 1)[1]


def test_auth_is_checked_before_the_version(client):
    response = post(client, headers={"x-api-key": None, "anthropic-version": None})
    assert_error(response, 401, "authentication_error")


def test_missing_version(client):
    response = post(client, headers={"anthropic-version": None})
    assert_error(response, 400, "invalid_request_error", "anthropic-version: header is required")


def test_unknown_version(client):
    response = post(client, headers={"anthropic-version": "2024-10-22"})
    assert_error(
        response,
        400,
        "invalid_request_error",
        'anthropic-version: "2024-10-22" is not a valid version',
    )


def test_older_valid_version_is_accepted(client):
    assert post(client, headers={"anthropic-version": "2023-01-01"}).status_code == 200


def test_form_body_is_refused(client):
    response = post(client, data={"model": "claude-haiku-4-5", "max_tokens": "10"})
    message = assert_error(response, 400, "invalid_request_error")
    assert "application/json" in message
    assert "application/x-www-form-urlencoded" in message


def test_malformed_json(client):
    response = post(client, data='{"model": ', content_type="application/json")
    message = assert_error(response, 400, "invalid_request_error")
    assert message.startswith("The request body is not valid JSON: ")


def test_body_must_be_an_object(client):
    response = post(client, payload=[1, 2])
    assert_error(response, 400, "invalid_request_error", "The request body must be a JSON object")


def test_too_large_body(app, client):
    app.config["ANTHROPIC_MAX_BODY_BYTES"] = 100
    response = post(client, body("x" * 200))
    assert_error(response, 413, "request_too_large")


# ---------------------------------------------------------------- body validation


def without(field):
    payload = body()
    del payload[field]
    return payload


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (without("max_tokens"), "max_tokens: Field required"),
        (without("messages"), "messages: Field required"),
        (without("model"), "model: Field required"),
        (body(model=42), "model: Input should be a valid string"),
        (body(max_tokens=0), "max_tokens: Input should be greater than or equal to 1"),
        (body(max_tokens="100"), "max_tokens: Input should be a valid integer"),
        (
            body(max_tokens=10.5),
            "max_tokens: Input should be a valid integer, got a number with a fractional part",
        ),
        (
            body(max_tokens=100000),
            "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens "
            "for claude-haiku-4-5-20251001",
        ),
        (body(messages="hi"), "messages: Input should be a valid list"),
        (body(messages=[]), "messages: at least one message is required"),
        (body(messages=["hi"]), "messages.0: Input should be a valid dictionary"),
        (body(messages=[{"content": "hi"}]), "messages.0.role: Field required"),
        (
            body(messages=[{"role": "system", "content": "hi"}]),
            "messages.0.role: Input should be 'user' or 'assistant'",
        ),
        (body(messages=[{"role": "user"}]), "messages.0.content: Field required"),
        (
            body(messages=[{"role": "user", "content": "hi", "name": "ada"}]),
            "messages.0.name: Extra inputs are not permitted",
        ),
        (
            body(messages=[{"role": "user", "content": ""}]),
            "messages.0: all messages must have non-empty content except for the optional "
            "final assistant message",
        ),
        (
            body([{"type": "text", "text": ""}]),
            "messages: text content blocks must be non-empty",
        ),
        (body([{"type": "text"}]), "messages.0.content.0.text: Field required"),
        (body([{"text": "hi"}]), "messages.0.content.0.type: Field required"),
        (
            body([{"type": "text", "text": 5}]),
            "messages.0.content.0.text: Input should be a valid string",
        ),
        (
            body(
                messages=[
                    {"role": "user", "content": "hi"},
                    {"role": "assistant", "content": "Sure "},
                ]
            ),
            "messages: final assistant content cannot end with trailing whitespace",
        ),
        (body(temperature=1.5), "temperature: Input should be less than or equal to 1"),
        (body(temperature=-0.1), "temperature: Input should be greater than or equal to 0"),
        (body(temperature="hot"), "temperature: Input should be a valid number"),
        (
            body(temperature=0.5, top_p=0.9),
            "`temperature` and `top_p` cannot both be specified for this model. "
            "Please use only one.",
        ),
        (body(stop_sequences="END"), "stop_sequences: Input should be a valid list"),
        (body(stop_sequences=[1]), "stop_sequences.0: Input should be a valid string"),
        (body(stream="yes"), "stream: Input should be a valid boolean"),
        (body(system=5), "system: Input should be a valid string or a list of text blocks"),
        (body(metadata={"user": "x"}), "metadata.user: Extra inputs are not permitted"),
        (body(prompt="Hello"), "prompt: Extra inputs are not permitted"),
        (body(n=2), "n: Extra inputs are not permitted"),
    ],
)
def test_validation_errors(client, payload, message):
    assert_error(post(client, payload), 400, "invalid_request_error", message)


def test_non_text_blocks_are_refused_with_a_clear_message(client):
    image = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    message = assert_error(post(client, body([image])), 400, "invalid_request_error")
    assert message.startswith("messages.0.content.0.type: ")
    assert "'image'" in message


def test_real_but_unsimulated_fields_say_so(client):
    message = assert_error(post(client, body(tools=[])), 400, "invalid_request_error")
    assert message.startswith("tools: not supported by the course's simulated API")


def test_optional_fields_are_accepted(client):
    payload = body(
        system="Be brief.",
        temperature=0,
        top_k=5,
        stop_sequences=["###"],
        stream=False,
        metadata={"user_id": "learner-1"},
    )
    assert post(client, payload).status_code == 200


def test_unknown_model_is_404(client):
    response = post(client, body(model="claude-3-opus"))
    assert_error(response, 404, "not_found_error", "model: claude-3-opus")


# ---------------------------------------------------------------- routing


def test_other_paths_are_404_in_the_error_shape(client):
    response = client.post("/v1/complete", json=body(), headers=HEADERS)
    assert_error(response, 404, "not_found_error")


def test_wrong_method_is_405_in_the_error_shape(client):
    response = client.get(URL, headers=HEADERS)
    assert_error(response, 405, "invalid_request_error")
    assert response.headers["allow"] == "POST"


def test_errors_carry_x_should_retry(client):
    assert post(client, headers={"x-api-key": "nope"}).headers["x-should-retry"] == "false"


# ---------------------------------------------------------------- rate limits


def test_rate_limit_headers_on_success(client):
    response = post(client)
    headers = response.headers
    assert headers["anthropic-ratelimit-requests-limit"] == "50"
    assert headers["anthropic-ratelimit-requests-remaining"] == "49"
    for kind in ("requests", "tokens", "input-tokens", "output-tokens"):
        assert int(headers[f"anthropic-ratelimit-{kind}-limit"]) > 0
        reset = headers[f"anthropic-ratelimit-{kind}-reset"]
        assert RFC3339_UTC.match(reset)
        datetime.fromisoformat(reset.replace("Z", "+00:00"))
    usage = response.get_json()["usage"]
    spent = usage["input_tokens"] + usage["output_tokens"]
    limit = int(headers["anthropic-ratelimit-tokens-limit"])
    assert int(headers["anthropic-ratelimit-tokens-remaining"]) == limit - spent


def test_the_51st_request_is_refused_until_retry_after_has_passed(app, client):
    for n in range(1, 51):
        response = post(client)
        assert response.status_code == 200
        assert response.headers["anthropic-ratelimit-requests-remaining"] == str(50 - n)
    refused = post(client)
    assert_error(refused, 429, "rate_limit_error")
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["anthropic-ratelimit-requests-remaining"] == "0"
    assert refused.headers["x-should-retry"] == "true"
    assert RFC3339_UTC.match(refused.headers["anthropic-ratelimit-requests-reset"])
    again = post(client)
    assert_error(again, 429, "rate_limit_error")
    assert again.headers["retry-after"] == "1"
    anthropic.advance_clock(app, 1)
    retried = post(client)
    assert retried.status_code == 200
    assert retried.headers["anthropic-ratelimit-requests-remaining"] == "49"


def test_requests_with_a_bad_key_do_not_count(app, client):
    app.config["ANTHROPIC_REQUESTS_LIMIT"] = 2
    for _ in range(5):
        post(client, headers={"x-api-key": "wrong"})
    assert post(client).status_code == 200
    assert post(client).status_code == 200
    assert post(client).status_code == 429


def test_each_app_has_its_own_window():
    first = create_app()
    first.config["ANTHROPIC_REQUESTS_LIMIT"] = 1
    post(first.test_client())
    assert post(first.test_client()).status_code == 429
    assert post(create_app().test_client()).status_code == 200


# ---------------------------------------------------------------- injected faults


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, "invalid_request_error"),
        (401, "authentication_error"),
        (403, "permission_error"),
        (404, "not_found_error"),
        (413, "request_too_large"),
        (429, "rate_limit_error"),
        (500, "api_error"),
        (529, "overloaded_error"),
    ],
)
def test_injected_faults_use_the_api_error_types(app, client, status, error_type):
    queue_faults(app, status)
    assert_error(post(client), status, error_type)
    assert post(client).status_code == 200


def test_injected_529_is_overloaded_and_retryable(app, client):
    queue_faults(app, 529, times=2)
    for _ in range(2):
        response = post(client)
        assert_error(response, 529, "overloaded_error", "Overloaded")
        assert response.headers["x-should-retry"] == "true"
    assert post(client).status_code == 200


def test_injected_429_has_retry_after(app, client):
    queue_faults(app, 429)
    response = post(client)
    assert response.headers["retry-after"] == "1"
    assert "anthropic-ratelimit-requests-limit" in response.headers


# ---------------------------------------------------------------- streaming


def stream(client, payload):
    response = post(client, payload)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    return response, parse_events(response)


def test_stream_event_sequence_and_shapes(client):
    response, events = stream(client, body("What is an API?", stream=True))
    assert "content-length" not in response.headers
    assert REQUEST_ID.match(response.headers["request-id"])
    assert response.headers["anthropic-ratelimit-requests-remaining"] == "49"
    names = [name for name, _ in events]
    deltas = names.count("content_block_delta")
    assert deltas >= 3
    expected = ["message_start", "content_block_start", "ping"]
    expected += ["content_block_delta"] * deltas
    expected += ["content_block_stop", "message_delta", "message_stop"]
    assert names == expected
    for name, data in events:
        assert data["type"] == name
    message = events[0][1]["message"]
    assert message["content"] == []
    assert message["stop_reason"] is None
    assert message["model"] == "claude-haiku-4-5"
    assert events[1][1] == {
        "type": "content_block_start",
        "index": 0,
        "content_block": {"type": "text", "text": ""},
    }
    for _, data in events[3 : 3 + deltas]:
        assert data["index"] == 0
        assert data["delta"]["type"] == "text_delta"
        assert 1 <= len(data["delta"]["text"].split()) <= 3
    assert events[-3][1] == {"type": "content_block_stop", "index": 0}


def test_stream_text_and_usage_match_the_non_streaming_reply(client):
    plain = post(client, body("What is an API?")).get_json()
    _, events = stream(client, body("What is an API?", stream=True))
    text = "".join(d["delta"]["text"] for n, d in events if n == "content_block_delta")
    assert text == plain["content"][0]["text"]
    delta = events[-2][1]
    assert delta == {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": plain["usage"]["output_tokens"]},
    }
    assert events[0][1]["message"]["usage"]["input_tokens"] == plain["usage"]["input_tokens"]


def test_stream_body_is_a_generator_so_it_really_streams(client):
    response = post(client, body("What is an API?", stream=True), buffered=False)
    assert response.is_streamed
    first = next(iter(response.response))
    assert first.startswith(b"event: message_start\n")
    response.close()


def test_stream_of_a_list_is_one_block_with_one_ping(client):
    _, events = stream(client, body("List three tips", stream=True))
    starts = [d["index"] for n, d in events if n == "content_block_start"]
    stops = [d["index"] for n, d in events if n == "content_block_stop"]
    assert starts == stops == [0]
    assert [n for n, _ in events].count("ping") == 1


def test_stream_reports_max_tokens(client):
    _, events = stream(client, body("Say hello", max_tokens=2, stream=True))
    assert events[-2][1]["delta"]["stop_reason"] == "max_tokens"
    assert events[-2][1]["usage"]["output_tokens"] == 2


def test_stream_error_event_after_the_200(app, client):
    queue_stream_error(app)
    _, events = stream(client, body("What is an API?", stream=True))
    assert [n for n, _ in events] == [
        "message_start",
        "content_block_start",
        "ping",
        "content_block_delta",
        "error",
    ]
    assert events[-1][1] == {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
    }
    _, events = stream(client, body("What is an API?", stream=True))
    assert events[-1][0] == "message_stop"


def test_stream_delay_sleeps_before_each_delta(app, client, monkeypatch):
    from helpers.services.anthropic import streaming

    pauses = []
    monkeypatch.setattr(streaming, "simulated_sleep", pauses.append)
    app.config["ANTHROPIC_STREAM_DELAY"] = 0.25
    _, events = stream(client, body("What is an API?", stream=True))
    assert pauses == [0.25] * [n for n, _ in events].count("content_block_delta")


@pytest.mark.parametrize("text", ["a b c d e f g", "  lead\nand trail  \n", "one", "x\n\n2. y"])
def test_stream_chunks_rebuild_the_text(text):
    assert "".join(chunks(text)) == text
