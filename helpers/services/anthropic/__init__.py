"""Simulated **api.anthropic.com** as of 2026-12-01: the Messages API (``POST /v1/messages``),
token counting (``POST /v1/messages/count_tokens``) and the Models API (``GET /v1/models``,
``GET /v1/models/{model_id}``), for notebook 09.

Reference for notebook authors. Everything is deterministic except the ``*-reset`` timestamps.

Endpoints and headers
    Other paths answer 404 not_found_error; a method a path does not take, 405
    invalid_request_error with ``allow``. Every endpoint requires ``x-api-key:
    demo-anthropic-key`` (the course's obviously fake demo key, :data:`DEMO_API_KEY`) and
    ``anthropic-version: 2023-06-01`` (``2023-01-01`` is also valid); POST bodies are JSON.
    Every response, errors included, has a ``request-id`` header (``req_`` + 24 hex characters);
    errors repeat it in the body::

        {"type": "error", "error": {"type": "...", "message": "..."}, "request_id": "req_..."}

Models (``data/models.json``: the snapshot, with its sources)
    Served, newest first: ``claude-haiku-5-5``, ``claude-sonnet-5-5``, ``claude-opus-5-5``,
    ``claude-fable-5-1``, ``claude-opus-5``, ``claude-sonnet-5``, ``claude-fable-5``,
    ``claude-opus-4-8``, ``claude-opus-4-7``, ``claude-sonnet-4-6``, ``claude-opus-4-6``,
    ``claude-opus-4-5-20251101`` (alias ``claude-opus-4-5``) and ``claude-haiku-4-5-20251001``
    (alias ``claude-haiku-4-5``). Retired ids (``claude-sonnet-4-5`` since 2026-11-30,
    ``claude-opus-4-1``, ``claude-sonnet-4-0``, ``claude-3-opus-20240229``, ...) and unknown ones
    get 404 not_found_error ``model: <id>``. ``max_tokens`` up to 64000 (Haiku 4.5, Opus 4.5) or
    128000 (all others). The reply's ``model`` echoes the id you sent. All models answer alike.
    Per-model rules, as the real API applies them:

    * Opus 4.7 and every later model: ``temperature``, ``top_p`` (other than 1) or ``top_k``
      -> 400 "`temperature` is deprecated for this model." (or `top_p`, `top_k`);
    * the 4.6 generation and later: a final assistant message (prefill) -> 400 "This model does
      not support assistant message prefill. The conversation must end with a user message.";
    * older models: ``temperature`` and ``top_p`` together -> 400 "`temperature` and `top_p`
      cannot both be specified for this model. Please use only one."

Models API
    ``GET /v1/models``: ``{"data": [{"type": "model", "id", "display_name", "created_at"}, ...],
    "has_more", "first_id", "last_id"}``, newest first. ``limit`` (1-1000, default 20);
    ``after_id`` (the page after that id) or ``before_id`` (the page just before it).
    ``GET /v1/models/{id}``: one object; an alias answers with the model it names.

Token counting
    ``POST /v1/messages/count_tokens`` with ``model``, ``messages`` and optional ``system``
    -> ``{"input_tokens": N}``, the same N as ``usage.input_tokens`` of a Messages request with
    that input. Not rate-limited (the real API limits it separately).

Body of a Messages request
    ``model``, ``max_tokens`` (int >= 1) and ``messages`` are required. ``messages`` is a list of
    ``{"role": "user"|"assistant", "content": str | [{"type": "text", "text": str}, ...]}``;
    as in the real API, consecutive turns of the same role are accepted (the API merges them),
    and a final assistant message is a "prefill" the reply continues (models that allow it).
    Optional: ``system`` (string or text blocks), ``temperature`` (0-1), ``top_p``, ``top_k``
    (checked, ignored: replies never vary), ``stop_sequences`` (list of strings), ``stream``
    (bool), ``metadata``. Unknown fields: ``<field>: Extra inputs are not permitted``.
    ``tools``, ``thinking`` and other real-but-unsimulated fields are refused with a message
    saying so.

Replies (the rule-based "model"; the first matching rule wins, applied to the last user message)
    Every reply is ONE text block, as the real API usually returns for a plain prompt.

    1. Classification: the prompt has ``Labels:``, ``Categories:`` or ``one of:`` followed by at
       least two labels separated by commas (or ``|``, ``;``, `` or ``), up to the end of the line
       or of the sentence. The rest of the prompt is scored by keywords (pandas/csv/etl/sql/data
       -> data; model/train/llm/neural/pytorch/AI -> ml; flask/django/react/api/http/web -> web;
       docker/kubernetes/ci/deploy/terraform -> devops; documentation/tutorial/guide/markdown
       -> docs; ties in that order: ml, data, web, devops, docs; no hit -> other). The reply is
       exactly the offered label naming that category (``ml/ai``, ``Machine learning``,
       ``Data``...), else the one naming "other", else the last label. If the prompt also asks
       for a reason ("reason", "why", "explain", "justify", not negated as in "no explanation"
       or "label only"), a second line follows: ``Reason: ...``.
    2. Greeting: "say hello", or a message of at most 8 words starting with hello/hi/hey/...
       -> ``Hello! How can I help you today?``
    3. List: the prompt says list/bullets/enumerate or "three tips", "5 ways"... ->
       ``Here are N short points in reply to "<first 12 words>":``, a blank line, then a
       numbered list of N general tips (N from the prompt, 2 to 5, default 3).
    4. Anything else -> short lines: ``You asked: "<first 12 words>"``, then, if present,
       ``My instructions (system prompt) say: "..."`` and ``Earlier in this conversation you
       wrote: "<first user message>"`` (shows that history must be re-sent), then a note that
       this is a canned, deterministic reply.
    Same request -> same reply, whatever the model or ``temperature``.

Stopping
    ``max_tokens`` smaller than the reply cuts it to that many tokens: ``stop_reason:
    "max_tokens"``. A ``stop_sequences`` entry found in the (cut) reply ends it just before
    the sequence: ``stop_reason: "stop_sequence"``, ``stop_sequence`` set. Otherwise
    ``end_turn``. An empty reply has ``content: []``.

Tokens (approximation)
    A token is a run of at most 6 letters/digits or one punctuation mark, with the whitespace
    before it: "Hello! How can I help you today?" is 9 tokens. ``input_tokens`` = tokens of the
    system prompt and of every message + 3 per message.

Rate limit (per app, so per ``helpers.simulate`` reset; see ``ratelimit.py``)
    A window admits 50 requests with a valid key (``anthropic-ratelimit-requests-limit: 50``,
    ``-remaining`` counts down from 49). The 51st gets 429 rate_limit_error with
    ``retry-after: 1``, and every request in the next second is refused the same way (with the
    seconds still to wait); after that a new window starts. So a client that retries at once
    fails, offline as live, and one that waits ``retry-after`` (``time.sleep``, or a mounted
    ``urllib3.Retry`` honouring ``Retry-After``, which is credited with its wait behind
    ``responses``) succeeds. A window also ends after 60 s. Every 200 and 429 carries
    ``anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}``
    (reset = RFC 3339 time, UTC). Token limits (30000 input, 8000 output) are reported, not
    enforced. ``app.config["ANTHROPIC_REQUESTS_LIMIT"]`` changes the 50,
    ``app.config["ANTHROPIC_RETRY_AFTER"]`` the 1; :func:`advance_clock` ends a wait at once.

Errors and how to trigger them (checked in this order)
    404 not_found_error       any other path ("Not found")
    405 invalid_request_error a method the path does not take, with ``allow``
    401 authentication_error  no x-api-key: "x-api-key header is required" (plus a hint when an
                              Authorization header was sent instead); any other key:
                              "invalid x-api-key". Requests with a bad key do not count.
    429 rate_limit_error      the 51st request of a window, and any request during the wait
    400 invalid_request_error no anthropic-version ("anthropic-version: header is required") or
                              an unknown one
    413 request_too_large     a body over 32 MB (``app.config["ANTHROPIC_MAX_BODY_BYTES"]``)
    400 invalid_request_error a form body (``data=`` instead of ``json=``); malformed JSON ("The
                              request body is not valid JSON: ..."), JSON nested too deep;
                              then the body, field by field: "max_tokens: Field required",
                              "messages: Field required", "messages.0.role: Input should be
                              'user' or 'assistant'", empty content, "temperature: Input should
                              be less than or equal to 1", "prompt: Extra inputs are not
                              permitted", ...
    404 not_found_error       an unknown or retired model: "model: claude-3-opus"
    400 invalid_request_error max_tokens over the model's limit ("max_tokens: 200000 > 128000,
                              which is ..."), then the per-model rules above
    Injected (before any other check, not counted by the rate limit) with
    ``helpers.services._common.queue_faults(app, status)`` (``sim.fail_next``): 400, 401, 403
    permission_error, 404, 413, 429 (with ``retry-after: 1``; only the injected requests fail),
    500 api_error, 529 overloaded_error ("Overloaded", no ``retry-after``: the real API's 529
    usually has none); other 4xx/5xx become invalid_request_error/api_error. Every error has
    ``x-should-retry`` (true for 408, 409, 429 and 5xx), as the real API sends.

Streaming (``"stream": true``)
    200 ``text/event-stream``; events ``message_start`` (message with empty content),
    ``content_block_start``, ``ping``, ``content_block_delta`` (``text_delta``, three words
    each), ``content_block_stop``, ``message_delta`` (stop_reason, stop_sequence,
    usage.output_tokens), ``message_stop``; each is ``event: NAME\\ndata: JSON\\n\\n``, JSON
    with raw (not escaped) non-ASCII characters. The body is a generator, so it really streams
    when served on 127.0.0.1; ``app.config["ANTHROPIC_STREAM_DELAY"]`` (seconds, default 0)
    pauses before each delta.

    * :func:`queue_stream_error` makes the next stream stop after its first delta with
      ``event: error`` (overloaded_error), after the 200.
    * :func:`queue_unicode_stream` makes the next stream (any prompt) one that breaks naive
      readers: its text has U+2028 and U+2029 inside JSON strings (``iter_lines()`` and
      ``str.splitlines()`` split lines there), 2-, 3- and 4-byte UTF-8 characters, the 4-byte
      "🎉" straddling a 512-byte boundary of the body (``iter_content(512)`` chunks cut it in two;
      served on 127.0.0.1 the body is sent in 512-byte pieces), and it ends with ``event:
      error`` (overloaded_error) where ``content_block_stop`` should be. For example::

          from helpers.services.anthropic import queue_unicode_stream
          queue_unicode_stream(sim.app("api.anthropic.com"))
          r = requests.post(API_URL, json={..., "stream": True}, stream=True, timeout=30)
"""

from __future__ import annotations

from .app import advance_clock, create_app, queue_stream_error, queue_unicode_stream
from .models import MODELS, SNAPSHOT_DATE
from .validation import DEMO_API_KEY

HOST = "api.anthropic.com"

__all__ = [
    "DEMO_API_KEY",
    "HOST",
    "MODELS",
    "SNAPSHOT_DATE",
    "advance_clock",
    "create_app",
    "queue_stream_error",
    "queue_unicode_stream",
]
