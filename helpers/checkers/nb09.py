"""Checkers for notebook 09 (Capstone: calling an AI model API)."""

from __future__ import annotations

import json
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from helpers.checkers._tools import (
    require_callable,
    require_response,
    require_retry_policy,
    require_timeout,
    require_url,
    run,
    short,
    sim,
)
from helpers.exercises import NotAttempted, Wrong, exercise
from helpers.simulator import Call, current

HOST = "api.anthropic.com"
API_URL = f"https://{HOST}/v1/messages"
API_VERSION = "2023-06-01"
MODEL = "claude-haiku-4-5"


def _headers() -> dict[str, str]:
    return {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": API_VERSION}


def _checker_session() -> requests.Session:
    """The checker's own session: the API's headers, and retries for the simulator's 429.

    The simulated API refuses the 51st request of each window with a 429; a learner who runs a
    checker many times must not see that as their mistake, so the checker's requests retry it.
    """
    session = requests.Session()
    session.headers.update(_headers())
    retry = Retry(total=2, status_forcelist={429}, allowed_methods=None, raise_on_status=False)
    session.mount(f"https://{HOST}/", HTTPAdapter(max_retries=retry))
    return session


def _error_message(response: requests.Response) -> str:
    try:
        error = response.json()["error"]
        return f"{error['type']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return response.reason or str(response.status_code)


def _body_of(request: requests.PreparedRequest) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _text_of(message: dict) -> str:
    return "".join(b["text"] for b in message.get("content", []) if b.get("type") == "text")


def _calls_since(start: int) -> list[Call]:
    return [c for c in sim().calls[start:] if c.url.startswith(f"https://{HOST}/")]


# --- 09-stop-sequence ----------------------------------------------------------------------------

QUOTE_LINE = "My instructions"  # how the simulated model starts the line quoting the system prompt


def _simulated_reply(r: requests.Response, body: dict) -> dict:
    """The reply to judge: the learner's own, or, when it came from the real model (live
    mode), the simulated model's reply to the same body (whose wording the checks know)."""
    if not current().live:
        return r.json()
    with _checker_session() as session:
        replay = session.post(API_URL, json=body, timeout=(5, 30))
    replay.raise_for_status()
    return replay.json()


@exercise("09-stop-sequence", "stopped_response", "stopped_reason")
def stop_sequence(stopped_response, stopped_reason):
    r = require_response(stopped_response, "stopped_response")
    if r.request.method != "POST":
        raise Wrong(f"you sent a {r.request.method} request.", "use requests.post(API_URL, ...)")
    require_url(r, HOST, "/v1/messages")
    if not r.ok:
        hint = "start from the working request of the notebook and change only the body's fields"
        if "stop sequences must contain non-whitespace" in _error_message(r):
            hint = "a stop sequence needs visible characters: use words of the reply itself"
        raise Wrong(f"the API answered {r.status_code} ({_error_message(r)}).", hint)
    require_timeout(r)
    body = _body_of(r.request)
    if not body.get("system"):
        raise Wrong(
            "the request has no system prompt, so the reply has no line that quotes one.",
            'add "system": "..." to the body (any instructions you like)',
        )
    message = _simulated_reply(r, body)
    text = _text_of(message)
    if message["stop_reason"] != "stop_sequence":
        sent = body.get("stop_sequences")
        where = f"you sent stop_sequences={sent!r}" if sent else "the body has no stop_sequences"
        raise Wrong(
            f"stop_reason is {message['stop_reason']!r}: the reply never wrote one of your stop "
            f"sequences ({where}).",
            f'add "stop_sequences": ["{QUOTE_LINE}"]: the second line of the reply starts with '
            "those words",
        )
    if QUOTE_LINE in text:
        raise Wrong(
            f"the reply stopped at {message['stop_sequence']!r}, but only after quoting your "
            "system prompt.",
            f'stop earlier, at the words that start that line: "stop_sequences": ["{QUOTE_LINE}"]',
        )
    if stopped_reason != r.json().get("stop_reason"):
        raise Wrong(
            f"`stopped_reason` is {stopped_reason!r}, not the stop_reason of the reply.",
            'read it from the response: stopped_response.json()["stop_reason"]',
        )
    return (
        f"the reply stopped at {message['stop_sequence']!r} (stop_reason 'stop_sequence') and "
        f"kept only {text.strip()!r}; the rest was never written, nor paid for."
    )


# --- 09-stream-reply -----------------------------------------------------------------------------

CRASHES = (LookupError, TypeError, AttributeError, NameError, ValueError)
LIST_PROMPT = "Give me four tips for cleaning a messy CSV file."
PLAIN_PROMPT = "What does a read timeout measure?"


def _expected(call: Call, session: requests.Session, max_tokens: int | None = None) -> dict:
    """The non-streamed reply to the request the learner's function sent."""
    body = {**_body_of(call.request), "stream": False}
    if max_tokens is not None:
        body["max_tokens"] = max_tokens
    r = session.post(API_URL, json=body, timeout=(5, 30))
    r.raise_for_status()
    return r.json()


def _run_stream(function, session: requests.Session, prompt: str, **kwargs) -> tuple:
    start = len(sim().calls)
    result = function(session, prompt, **kwargs)
    calls = _calls_since(start)
    if not calls:
        raise Wrong(
            "stream_reply sent no request to the Messages API.",
            "keep the session.post(API_URL, ...) call of the starter code",
        )
    if not isinstance(result, tuple) or len(result) != 2:
        raise Wrong(
            f"stream_reply returned {result!r}, not a pair (text, stop_reason).",
            'end the function with: return "".join(pieces), stop_reason',
        )
    return result, calls[-1]


def _check_streamed_call(call: Call) -> None:
    body = _body_of(call.request)
    if body.get("stream") is not True:
        raise Wrong(
            'the request body does not ask for a stream ("stream": true is missing).',
            'keep "stream": True in the body',
        )
    if call.kwargs.get("stream") is not True:
        raise Wrong(
            "requests was not told to stream: it would wait for the whole body before you "
            "see the first event.",
            "pass stream=True to session.post(...)",
        )
    if call.timeout is None:
        raise Wrong(
            "the request has no timeout, so a stalled stream could wait forever.",
            "pass timeout=(5, 30) to session.post(...)",
        )


def _check_cut(cut, session: requests.Session) -> None:
    """With max_tokens=5 the function returns the cut text and 'max_tokens', or raises its own
    error for a reply cut short (notebook 09's advice)."""
    if isinstance(cut.error, (Wrong, *CRASHES)):
        raise cut.error
    if cut.error is not None:
        return
    (cut_text, cut_reason), call = cut.result
    wanted_cut = _text_of(_expected(call, session, max_tokens=5))
    if cut_reason != "max_tokens" or cut_text != wanted_cut:
        raise Wrong(
            f"with max_tokens=5 you returned ({cut_text!r}, {cut_reason!r}); the stream "
            f"said ({wanted_cut!r}, 'max_tokens').",
            "send the max_tokens argument in the body, and read stop_reason from message_delta",
        )


def _text_problem(text: str, full: dict) -> str:
    """What is wrong with the learner's ``text`` for the full (non-streamed) reply."""
    wanted = _text_of(full)
    squeeze = str.maketrans("", "", " \n")
    if text == full["content"][0]["text"]:
        return "you returned the first block only: the numbered list is missing."
    if text.translate(squeeze) == wanted.translate(squeeze):
        return "the text has extra or missing spaces or newlines between pieces."
    if not text:
        return "the text is empty: no text_delta was collected."
    if wanted.startswith(text):
        return f"the text stops short: the end of the reply, {wanted[len(text) :]!r}, is missing."
    return f"the text is {text[:60]!r}..., not the reply {wanted[:60]!r}..."


def _whole_reply(stream_reply, session: requests.Session) -> None:
    """The text, joined from every delta, and the stop_reason of message_delta."""
    (text, stop_reason), call = _run_stream(stream_reply, session, LIST_PROMPT)
    _check_streamed_call(call)
    full = _expected(call, session)
    if not isinstance(text, str):
        raise Wrong(
            f"the text should be a string, but it is a {type(text).__name__}.",
            'join the pieces: "".join(pieces)',
        )
    if text != _text_of(full):
        raise Wrong(
            f"for the prompt {LIST_PROMPT!r}, {_text_problem(text, full)}",
            'append data["delta"]["text"] for every content_block_delta, and join with ""',
        )
    if stop_reason != "end_turn":
        raise Wrong(
            f"stop_reason is {short(stop_reason)}, but the message_delta event said 'end_turn'.",
            'set stop_reason = data["delta"]["stop_reason"] on the message_delta event',
        )


def _broken_stream_raises(stream_reply, session: requests.Session) -> None:
    """An `error` event after the 200 raises (any exception): it must not return."""
    sim().break_next_stream(HOST)
    done = run(lambda: stream_reply(session, PLAIN_PROMPT), catch=True)
    if done.error is None:
        raise Wrong(
            f"when the stream broke off with an `error` event, stream_reply returned "
            f"{short(done.result)} as if it were the whole answer.",
            'on the "error" event, raise an exception (AnthropicError with the error\'s type '
            "and message)",
        )


@exercise("09-stream-reply", "stream_reply")
def stream_reply_check(stream_reply):
    require_callable(
        stream_reply,
        "stream_reply",
        "keep the `def stream_reply(session, prompt, max_tokens=300):` line",
    )
    with _checker_session() as session:
        _whole_reply(stream_reply, session)
        cut = run(
            lambda: _run_stream(stream_reply, session, PLAIN_PROMPT, max_tokens=5), catch=True
        )
        _check_cut(cut, session)
        _broken_stream_raises(stream_reply, session)
    return (
        "the text, block after block, the stop_reason from message_delta, and an exception "
        "when the stream breaks off after its 200."
    )


# --- 09-retry-bug --------------------------------------------------------------------------------

HELLO = {"model": MODEL, "max_tokens": 50, "messages": [{"role": "user", "content": "Hi"}]}


def _attempts(session: requests.Session, body: dict) -> tuple[requests.Response | None, int]:
    """Send ``body``; the response the session ends with and how many requests went out."""
    start = len(sim().calls)
    try:
        r = session.post(API_URL, json=body, timeout=(5, 30))
    except requests.exceptions.RetryError:
        return None, len(_calls_since(start))
    return r, len(_calls_since(start))


def _claude_session(make_claude_session) -> requests.Session:
    session = make_claude_session()
    if session is None:
        raise NotAttempted("make_claude_session() returns nothing yet: return the session.")
    if not isinstance(session, requests.Session):
        raise Wrong(
            f"make_claude_session() returned a {type(session).__name__}, not a Session.",
            "end the function with `return session`",
        )
    if "x-api-key" in session.headers:  # live, the learner's own key: the check is offline
        session.headers["x-api-key"] = os.environ["ANTHROPIC_API_KEY"]
    retry = session.get_adapter(API_URL).max_retries
    if isinstance(retry, Retry):
        require_retry_policy(retry, extra_statuses=frozenset({529}), post=True)
    return session


def _transient_retried(session: requests.Session) -> None:
    r, sent = _attempts(session, HELLO)
    if r is not None and r.status_code in (400, 401):
        raise Wrong(
            f"a plain request failed with {r.status_code} ({_error_message(r)}).",
            "keep session.headers.update(HEADERS): the key and version headers",
        )
    sim().fail_next(HOST, 529, times=2)
    r, sent = _attempts(session, HELLO)
    if r is None or r.status_code != 200:
        raise Wrong(
            f"with the API overloaded twice (529), the session sent {sent} request(s) and "
            f"ended with {'RetryError' if r is None else r.status_code}.",
            "529 overloaded_error is Anthropic's own status: it must be in status_forcelist, "
            "with POST in allowed_methods and at least 2 retries",
        )
    sim().fail_next(HOST, 429)
    r, sent = _attempts(session, HELLO)
    if r is None or r.status_code != 200:
        raise Wrong(
            f"a 429 with retry-after was not retried ({sent} request).",
            "keep 429 in status_forcelist",
        )


def _permanent_not_retried(session: requests.Session) -> None:
    _, sent = _attempts(session, {k: v for k, v in HELLO.items() if k != "max_tokens"})
    if sent > 1:
        raise Wrong(
            f"a 400 invalid_request_error (the body lacks max_tokens) was sent {sent} times: "
            "the same wrong request can only fail the same way.",
            "retry only transient statuses: 429, 500 and 529",
        )
    sim().fail_next(HOST, 401)
    _, sent = _attempts(session, HELLO)
    if sent > 1:
        raise Wrong(
            f"a 401 authentication_error was sent {sent} times; a wrong key stays wrong.",
            "retry only transient statuses: 429, 500 and 529",
        )


@exercise("09-retry-bug", "make_claude_session")
def retry_bug(make_claude_session):
    require_callable(
        make_claude_session, "make_claude_session", "keep the `def make_claude_session():` line"
    )
    with _claude_session(make_claude_session) as session:
        _transient_retried(session)
        _permanent_not_retried(session)
    return (
        "529 and 429 are retried, 400 and 401 come back at once. Generic recipes stop at 504; "
        "every API's documentation says which of its own statuses are transient."
    )
