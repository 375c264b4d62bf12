"""The simulated api.anthropic.com as a dated snapshot: served and retired models, the Models
API, token counting, per-model parameter rules and pathological JSON (Flask's test client)."""

from __future__ import annotations

import json
import re

import pytest

from helpers.services.anthropic import MODELS, SNAPSHOT_DATE, create_app
from helpers.services.anthropic.models import DATA_FILE, SERVED

HEADERS = {"x-api-key": "demo-anthropic-key", "anthropic-version": "2023-06-01"}
REQUEST_ID = re.compile(r"^req_[0-9a-f]{24}$")


@pytest.fixture
def client():
    return create_app().test_client()


def message(model="claude-haiku-4-5", content="What is JSON?", **extra):
    return {
        "model": model,
        "max_tokens": 256,
        "messages": [{"role": "user", "content": content}],
        **extra,
    }


def error_of(response, status, error_type):
    assert response.status_code == status, response.get_data(as_text=True)
    data = response.get_json()
    assert set(data) == {"type", "error", "request_id"}
    assert data["error"]["type"] == error_type
    assert data["request_id"] == response.headers["request-id"]
    assert REQUEST_ID.match(data["request_id"])
    return data["error"]["message"]


# ---------------------------------------------------------------- the snapshot


def test_the_data_file_states_its_date_and_sources():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert data["snapshot_date"] == SNAPSHOT_DATE == "2026-12-01"
    assert {"served_ids", "created_at", "max_tokens", "parameter_rules"} <= set(data["provenance"])
    for model in data["models"]:
        assert model["created_at"] <= SNAPSHOT_DATE + "T23:59:59Z"
    assert set(data["retired"]["ids"]).isdisjoint(MODELS)
    assert all(day <= SNAPSHOT_DATE for day in data["retired"]["ids"].values())


@pytest.mark.parametrize(
    "model",
    [
        "claude-sonnet-4-6",
        "claude-opus-4-7",
        "claude-opus-4-8",
        "claude-opus-4-6",
        "claude-opus-5",
        "claude-sonnet-5",
        "claude-fable-5",
        "claude-fable-5-1",
        "claude-opus-5-5",
        "claude-sonnet-5-5",
        "claude-haiku-5-5",
        "claude-opus-4-5",
        "claude-opus-4-5-20251101",
        "claude-haiku-4-5",
        "claude-haiku-4-5-20251001",
    ],
)
def test_models_served_on_the_snapshot_date_answer(client, model):
    response = client.post("/v1/messages", json=message(model), headers=HEADERS)
    assert response.status_code == 200
    assert response.get_json()["model"] == model


@pytest.mark.parametrize(
    "model",
    [
        "claude-sonnet-4-5",  # retired 2026-11-30
        "claude-sonnet-4-5-20250929",
        "claude-opus-4-1",
        "claude-opus-4-1-20250805",
        "claude-opus-4-0",
        "claude-sonnet-4-20250514",
        "claude-3-opus-20240229",
        "claude-3-7-sonnet-latest",
        "claude-mythos-preview",
        "claude-3-opus",
        "gpt-4o",
    ],
)
def test_retired_and_unknown_models_are_not_found(client, model):
    response = client.post("/v1/messages", json=message(model), headers=HEADERS)
    assert error_of(response, 404, "not_found_error") == f"model: {model}"


@pytest.mark.parametrize(
    ("model", "ceiling"),
    [("claude-haiku-4-5", 64000), ("claude-opus-4-5", 64000), ("claude-sonnet-4-6", 128000)],
)
def test_max_tokens_limit_is_per_model(client, model, ceiling):
    ok = client.post("/v1/messages", json=message(model, max_tokens=ceiling), headers=HEADERS)
    assert ok.status_code == 200
    over = client.post("/v1/messages", json=message(model, max_tokens=ceiling + 1), headers=HEADERS)
    text = error_of(over, 400, "invalid_request_error")
    assert text.startswith(f"max_tokens: {ceiling + 1} > {ceiling}, which is the maximum")
    assert text.endswith(MODELS[model])


# ---------------------------------------------------------------- per-model parameter rules


@pytest.mark.parametrize("model", ["claude-opus-4-7", "claude-opus-4-8", "claude-sonnet-5-5"])
@pytest.mark.parametrize(
    ("field", "value"), [("temperature", 0.2), ("temperature", 0), ("top_p", 0.9), ("top_k", 5)]
)
def test_opus_4_7_and_later_refuse_sampling_parameters(client, model, field, value):
    response = client.post("/v1/messages", json=message(model, **{field: value}), headers=HEADERS)
    message_text = error_of(response, 400, "invalid_request_error")
    assert message_text == f"`{field}` is deprecated for this model."


def test_the_default_temperature_is_still_accepted_by_opus_4_7(client):
    response = client.post(
        "/v1/messages", json=message("claude-opus-4-7", temperature=1), headers=HEADERS
    )
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["claude-haiku-4-5", "claude-sonnet-4-6", "claude-opus-4-6"])
def test_earlier_models_accept_temperature(client, model):
    response = client.post("/v1/messages", json=message(model, temperature=0.2), headers=HEADERS)
    assert response.status_code == 200


def test_temperature_out_of_range_is_checked_before_the_model_rule(client):
    response = client.post(
        "/v1/messages", json=message("claude-opus-4-7", temperature=3), headers=HEADERS
    )
    text = error_of(response, 400, "invalid_request_error")
    assert text == "temperature: Input should be less than or equal to 1"


def prefill(model):
    body = message(model)
    body["messages"].append({"role": "assistant", "content": "JSON is"})
    return body


@pytest.mark.parametrize("model", ["claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-5-5"])
def test_4_6_and_later_refuse_prefill(client, model):
    response = client.post("/v1/messages", json=prefill(model), headers=HEADERS)
    assert error_of(response, 400, "invalid_request_error") == (
        "This model does not support assistant message prefill. "
        "The conversation must end with a user message."
    )


def test_haiku_4_5_still_continues_a_prefill(client):
    response = client.post("/v1/messages", json=prefill("claude-haiku-4-5"), headers=HEADERS)
    assert response.status_code == 200


# ---------------------------------------------------------------- the Models API


def get(client, path, headers=HEADERS, **params):
    return client.get(path, headers=headers, query_string=params)


def test_list_models_first_page_newest_first(client):
    response = get(client, "/v1/models")
    assert response.status_code == 200
    assert REQUEST_ID.match(response.headers["request-id"])
    page = response.get_json()
    assert list(page) == ["data", "has_more", "first_id", "last_id"]
    ids = [model["id"] for model in page["data"]]
    assert ids == [model.id for model in SERVED]
    dates = [model["created_at"] for model in page["data"]]
    assert dates == sorted(dates, reverse=True)
    assert page["has_more"] is False
    assert page["first_id"] == ids[0] == "claude-haiku-5-5"
    assert page["last_id"] == ids[-1] == "claude-haiku-4-5-20251001"
    for model in page["data"]:
        assert list(model) == ["type", "id", "display_name", "created_at"]
        assert model["type"] == "model"
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", model["created_at"])
    assert "claude-sonnet-4-6" in ids and "claude-haiku-4-5" not in ids  # aliases not listed


def test_pagination_with_after_id_walks_every_model_once(client):
    seen, after, pages = [], None, 0
    while True:
        params = {"limit": 4} if after is None else {"limit": 4, "after_id": after}
        page = get(client, "/v1/models", **params).get_json()
        pages += 1
        seen += [model["id"] for model in page["data"]]
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert seen == [model.id for model in SERVED]
    assert pages == -(-len(SERVED) // 4)


def test_before_id_gives_the_page_just_before(client):
    ids = [model.id for model in SERVED]
    page = get(client, "/v1/models", limit=3, before_id=ids[5]).get_json()
    assert [model["id"] for model in page["data"]] == ids[2:5]
    assert page["has_more"] is True
    assert page["first_id"] == ids[2] and page["last_id"] == ids[4]
    first = get(client, "/v1/models", limit=3, before_id=ids[2]).get_json()
    assert [model["id"] for model in first["data"]] == ids[:2]
    assert first["has_more"] is False


def test_after_the_last_model_the_page_is_empty(client):
    page = get(client, "/v1/models", after_id=SERVED[-1].id).get_json()
    assert page == {"data": [], "has_more": False, "first_id": None, "last_id": None}


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
        ({"limit": 1001}, "limit: Input should be less than or equal to 1000"),
        ({"limit": "ten"}, "limit: Input should be a valid integer"),
    ],
)
def test_bad_limits_are_refused(client, params, text):
    response = get(client, "/v1/models", **params)
    assert error_of(response, 400, "invalid_request_error").startswith(text)


def test_limit_1000_is_accepted(client):
    assert len(get(client, "/v1/models", limit=1000).get_json()["data"]) == len(SERVED)


def test_get_one_model_and_aliases_resolve(client):
    direct = get(client, "/v1/models/claude-sonnet-4-6").get_json()
    assert direct == {
        "type": "model",
        "id": "claude-sonnet-4-6",
        "display_name": "Claude Sonnet 4.6",
        "created_at": "2026-02-17T00:00:00Z",
    }
    alias = get(client, "/v1/models/claude-haiku-4-5").get_json()
    assert alias["id"] == "claude-haiku-4-5-20251001"
    assert alias["display_name"] == "Claude Haiku 4.5"


def test_get_a_retired_model_is_not_found(client):
    response = get(client, "/v1/models/claude-3-opus-20240229")
    assert error_of(response, 404, "not_found_error") == "model: claude-3-opus-20240229"


@pytest.mark.parametrize("path", ["/v1/models", "/v1/models/claude-sonnet-4-6"])
def test_models_api_requires_key_and_version(client, path):
    no_key = get(client, path, headers={"anthropic-version": "2023-06-01"})
    assert error_of(no_key, 401, "authentication_error") == "x-api-key header is required"
    bad_key = get(client, path, headers={**HEADERS, "x-api-key": "nope"})
    assert error_of(bad_key, 401, "authentication_error") == "invalid x-api-key"
    no_version = get(client, path, headers={"x-api-key": "demo-anthropic-key"})
    text = error_of(no_version, 400, "invalid_request_error")
    assert text == "anthropic-version: header is required"


def test_wrong_method_on_models_is_405_with_allow(client):
    response = client.post("/v1/models", headers=HEADERS)
    error_of(response, 405, "invalid_request_error")
    assert response.headers["allow"] == "GET"


# ---------------------------------------------------------------- token counting


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"system": "You are terse."},
        {"system": [{"type": "text", "text": "Be brief."}, {"type": "text", "text": "Be kind."}]},
    ],
)
def test_count_tokens_matches_usage_input_tokens(client, extra):
    conversation = [
        {"role": "user", "content": "My name is Ada."},
        {"role": "assistant", "content": [{"type": "text", "text": "Nice to meet you."}]},
        {"role": "user", "content": "What is my name? Answer in one word, please."},
    ]
    counted = client.post(
        "/v1/messages/count_tokens",
        json={"model": "claude-sonnet-4-6", "messages": conversation, **extra},
        headers=HEADERS,
    )
    assert counted.status_code == 200
    assert list(counted.get_json()) == ["input_tokens"]
    sent = client.post(
        "/v1/messages",
        json={"model": "claude-sonnet-4-6", "max_tokens": 50, "messages": conversation, **extra},
        headers=HEADERS,
    )
    assert counted.get_json()["input_tokens"] == sent.get_json()["usage"]["input_tokens"] > 0


def test_count_tokens_validates_like_messages(client):
    url = "/v1/messages/count_tokens"
    no_model = client.post(url, json={"messages": message()["messages"]}, headers=HEADERS)
    assert error_of(no_model, 400, "invalid_request_error") == "model: Field required"
    unknown = client.post(
        url, json={"model": "claude-3-opus", "messages": message()["messages"]}, headers=HEADERS
    )
    assert error_of(unknown, 404, "not_found_error") == "model: claude-3-opus"
    extra = client.post(url, json=message(), headers=HEADERS)
    assert error_of(extra, 400, "invalid_request_error") == (
        "max_tokens: Extra inputs are not permitted"
    )
    no_key = client.post(url, json=message(), headers={"anthropic-version": "2023-06-01"})
    error_of(no_key, 401, "authentication_error")


# ---------------------------------------------------------------- pathological JSON


@pytest.mark.parametrize("path", ["/v1/messages", "/v1/messages/count_tokens"])
def test_deeply_nested_json_gets_the_api_400_and_nothing_on_stderr(client, capfd, path):
    response = client.post(
        path, data="[" * 100_000 + "]" * 100_000, content_type="application/json", headers=HEADERS
    )
    text = error_of(response, 400, "invalid_request_error")
    assert text.startswith("The request body is not valid JSON")
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "Traceback" not in captured.out
