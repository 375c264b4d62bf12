"""Checkers for notebook 03 (Sending data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from helpers.checkers._tools import (
    query_of,
    require_callable,
    require_response,
    require_timeout,
    require_timeouts,
    require_url,
    run,
    short,
)
from helpers.exercises import NotAttempted, Wrong, exercise
from helpers.simulator import Call

EXAMPLE = "https://api.example.com"
TODOS_URL = f"{EXAMPLE}/todos"
PREDICT_URL = f"{EXAMPLE}/models/iris-classifier/predict"


def _error_message(response: requests.Response) -> str:
    """The message of an api.example.com error body, or the reason phrase."""
    try:
        return response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return response.reason or ""


def _body_hint(response: requests.Response) -> str:
    if response.status_code == 415:
        return "send the body with json=... so requests encodes it and sets the Content-Type"
    if response.status_code == 422:
        return "read the details in the error body: " + str(response.json()["error"]["details"])
    return "look at the status code and the error message in the response body"


def _calls_during(action: Callable[[], Any]) -> tuple[Any, list[Call]]:
    """Run ``action`` and return its result and the requests it sent."""
    done = run(action)
    return done.result, done.calls


def _require_timeouts(calls: list[Call], who: str) -> None:
    if any(call.timeout is None for call in calls):
        raise Wrong(
            f"{who} sends a request without a timeout, so it could wait forever.",
            "add timeout=5 to every requests call inside the function.",
        )
    require_timeouts(calls)


# --- 03-search-params ----------------------------------------------------------------------


@exercise("03-search-params", "search_response")
def search_params(search_response):
    r = require_response(search_response, "search_response")
    if r.request.method != "GET":
        raise Wrong(f"you sent a {r.request.method} request.", "keep requests.get(...)")
    require_url(r, "httpbin.org", "/get")
    query = query_of(r)
    if query == {"q": ["image classification"], "tag": ["vision"], "license": [""]}:
        raise NotAttempted(
            "the cell still sends the starter parameters (one tag, an empty license=). "
            "Change search_params as asked, run the cell, then run this cell again."
        )
    tags = query.get("tag", [])
    if sorted(tags) != ["small", "vision"]:
        if len(tags) == 1 and "," in tags[0]:
            raise Wrong(
                f"the URL has one tag whose value is {tags[0]!r}, not two tags.",
                'a list value repeats the key: "tag": ["vision", "small"]',
            )
        raise Wrong(
            f"the URL's tag values are {tags}, not vision and small.",
            'give the "tag" key a list: "tag": ["vision", "small"]',
        )
    if "license" in query:
        raise Wrong(
            f"the URL still has license={query['license'][0]!r}.",
            "an empty string is still sent; a None value (or no key at all) is left out.",
        )
    if query.get("q") != ["image classification"]:
        raise Wrong(
            f"q is {query.get('q')}, not 'image classification'.",
            'keep "q": "image classification" in the dict',
        )
    empty = sorted(name for name, values in query.items() if "" in values)
    if empty:
        raise Wrong(
            f"the URL still has empty parameters: {', '.join(empty)}.",
            "leave them out of the dict, or give them the value None.",
        )
    require_timeout(r)
    return f"The query is ?{urlsplit(r.url).query}: the key repeats, the empty one is gone."


# --- 03-create-todo ------------------------------------------------------------------------

NEW_TITLE = "Retrain the churn model"


@exercise("03-create-todo", "new_todo", "new_todo_url")
def create_todo(new_todo, new_todo_url):
    r = require_response(new_todo, "new_todo")
    if r.request.method != "POST":
        raise Wrong(
            f"you sent a {r.request.method} request: creating a resource is a POST.",
            "use requests.post(...) on the collection URL",
        )
    require_url(r, "api.example.com", "/todos")
    if r.status_code != 201:
        raise Wrong(
            f"the server answered {r.status_code} {r.reason}: {_error_message(r)}",
            _body_hint(r),
        )
    title = r.json().get("title")
    if title != NEW_TITLE:
        raise Wrong(
            f"the new todo's title is {title!r}, not {NEW_TITLE!r}.",
            f'send json={{"title": "{NEW_TITLE}"}}',
        )
    require_timeout(r)
    location = r.headers.get("Location")
    if not isinstance(new_todo_url, str):
        raise Wrong(
            f"`new_todo_url` should be a string, but it is a {type(new_todo_url).__name__}.",
            "read it from the response headers: new_todo.headers[...]",
        )
    if new_todo_url != location:
        raise Wrong(
            f"`new_todo_url` is {new_todo_url!r}, but the server said the todo lives at "
            f"{location!r}.",
            'a 201 answer names the new address in a header: new_todo.headers["Location"]',
        )
    return (
        f"201 Created, and your todo lives at {new_todo_url}: "
        "the Location header is where the server put it."
    )


# --- 03-update-title -----------------------------------------------------------------------


def _fresh_todo(title: str, done: bool) -> dict[str, Any]:
    r = requests.post(TODOS_URL, json={"title": title, "done": done}, timeout=5)
    r.raise_for_status()
    return r.json()


def _server_state(todo_id: int) -> dict[str, Any]:
    r = requests.get(f"{TODOS_URL}/{todo_id}", timeout=5)
    r.raise_for_status()
    return r.json()


def _last_write(calls: list[Call]) -> requests.Response | None:
    writes = [
        c for c in calls if c.request.method not in ("GET", "HEAD") and c.response is not None
    ]
    return writes[-1].response if writes else None


def _rename(update_title, done: bool) -> tuple[Any, list[Call], dict, str]:
    """Rename a fresh todo with ``done``; (returned, calls, server state, new title)."""
    todo = _fresh_todo(f"Checker todo (done={done})", done)
    new_title = f"Renamed by the checker (done={done})"
    try:
        returned, calls = _calls_during(lambda: update_title(todo["id"], new_title))
    except requests.HTTPError as error:
        response = error.response
        raise Wrong(
            f"update_title raised HTTPError: the server answered {response.status_code} "
            f"{response.reason}: {_error_message(response)}",
            _body_hint(response),
        ) from error
    _require_timeouts(calls, "update_title")
    return returned, calls, _server_state(todo["id"]), new_title


def _require_renamed(state: dict, calls: list[Call], new_title: str) -> None:
    if state["title"] == new_title:
        return
    write = _last_write(calls)
    if write is not None and not write.ok:
        raise Wrong(
            f"the todo was not renamed: the server answered {write.status_code} "
            f"{write.reason}: {_error_message(write)}",
            _body_hint(write),
        )
    raise Wrong(
        f"after update_title the server still has the title {state['title']!r}.",
        "send the new title to the todo's URL.",
    )


def _require_done_kept(state: dict, returned: object, new_title: str, done: bool) -> None:
    if state["done"] != done:
        raise Wrong(
            f"a todo with done={done} has done={state['done']} after update_title: "
            "renaming it changed its progress.",
            "PUT replaces the whole todo, so a missing done goes back to false: "
            "send only the title with PATCH.",
        )
    if not isinstance(returned, dict) or returned.get("title") != new_title:
        raise Wrong(
            f"the server state is right, but update_title returned {short(returned)}.",
            "return response.json(), the todo as the server now has it.",
        )
    if returned.get("done") != done:
        raise Wrong(
            f"update_title returned done={short(returned.get('done'))}, but the todo has "
            f"done={done}.",
            "return the server's answer, response.json(), not a dict of your own.",
        )


@exercise("03-update-title", "update_title")
def update_title(update_title):
    require_callable(
        update_title,
        "update_title",
        "keep the def update_title(todo_id, title): ... cell and fix its body.",
    )
    for done in (True, False):
        returned, calls, state, new_title = _rename(update_title, done)
        _require_renamed(state, calls, new_title)
        _require_done_kept(state, returned, new_title, done)
    missing = run(lambda: update_title(999_999, "Nobody's todo"), catch=True)
    if missing.error is None:
        raise Wrong(
            f"for a todo that does not exist update_title returned {short(missing.result)} "
            "instead of raising: without raise_for_status() a failed PATCH passes silently.",
            "call response.raise_for_status() before response.json().",
        )
    return (
        "The title changed and done kept its value, whether true or false: PATCH sends only "
        "what changes, while PUT must send the whole todo."
    )


# --- 03-predict-species --------------------------------------------------------------------

FLOWERS = (
    {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
    {"sepal_length": 6.4, "sepal_width": 3.2, "petal_length": 4.5, "petal_width": 1.5},
    {"sepal_length": 6.3, "sepal_width": 3.3, "petal_length": 6.0, "petal_width": 2.5},
)


def _expected(features: dict[str, float]) -> tuple[str, float]:
    r = requests.post(PREDICT_URL, json={"features": features}, timeout=5)
    r.raise_for_status()
    body = r.json()
    return body["label"], body["confidence"]


@exercise("03-predict-species", "predict_species")
def predict_species(predict_species):
    require_callable(
        predict_species,
        "predict_species",
        "keep the def predict_species(measurements): ... cell and write its body.",
    )
    for flower in FLOWERS:
        try:
            returned, calls = _calls_during(lambda f=flower: predict_species(dict(f)))
        except requests.HTTPError as error:
            response = error.response
            raise Wrong(
                f"predict_species raised HTTPError for valid measurements: the server answered "
                f"{response.status_code} {response.reason}: {_error_message(response)}",
                'send json={"features": measurements} to the predict URL',
            ) from error
        _require_timeouts(calls, "predict_species")
        if not any(c.url == PREDICT_URL and c.request.method == "POST" for c in calls):
            raise Wrong(
                "predict_species did not POST to the iris classifier's predict endpoint.",
                f"send the request to {PREDICT_URL}",
            )
        expected = _expected(flower)
        if not isinstance(returned, (tuple, list)) or tuple(returned) != expected:
            raise Wrong(
                f"for {flower} it returned {returned!r}; the model says {expected!r}.",
                'return (body["label"], body["confidence"]) from the response body.',
            )
    missing = dict(FLOWERS[0])
    del missing["petal_width"]
    try:
        returned = predict_species(missing)
    except requests.HTTPError as error:
        if error.response is None or error.response.status_code != 422:
            raise Wrong(
                "for a missing feature it raised HTTPError, but not for the server's 422.",
                "call raise_for_status() on the prediction response.",
            ) from error
    except Exception as error:
        raise Wrong(
            f"for a missing feature it raised {type(error).__name__} ({error}), "
            "which hides the server's explanation.",
            "call response.raise_for_status() before reading the body: it raises HTTPError.",
        ) from error
    else:
        raise Wrong(
            f"for a missing feature (petal_width) it returned {returned!r} instead of raising.",
            "call response.raise_for_status() before reading the body.",
        )
    return (
        "A label and a confidence for each flower, and a 422 raises HTTPError instead of "
        "returning an answer that means nothing."
    )
