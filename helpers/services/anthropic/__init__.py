"""Simulated **api.anthropic.com**: the Messages API (``POST /v1/messages``) for notebook 09.

Reference for notebook authors. Everything is deterministic except the ``*-reset`` timestamps.

Endpoint and headers
    ``POST https://api.anthropic.com/v1/messages`` only: other paths answer 404 not_found_error,
    other methods 405 (invalid_request_error). Required headers: ``x-api-key: demo-anthropic-key``
    (the course's obviously fake demo key, :data:`DEMO_API_KEY`), ``anthropic-version: 2023-06-01``
    (``2023-01-01`` is also valid), ``content-type: application/json``.
    Every response, errors included, has a ``request-id`` header (``req_`` + 24 hex characters);
    errors repeat it in the body::

        {"type": "error", "error": {"type": "...", "message": "..."}, "request_id": "req_..."}

Models
    ``claude-sonnet-4-5`` (alias of ``claude-sonnet-4-5-20250929``) and ``claude-haiku-4-5``
    (alias of ``claude-haiku-4-5-20251001``); ``max_tokens`` up to 64000 for both. The reply's
    ``model`` echoes the id you sent. Both models answer the same way.

Body
    ``model``, ``max_tokens`` (int >= 1) and ``messages`` are required. ``messages`` is a list of
    ``{"role": "user"|"assistant", "content": str | [{"type": "text", "text": str}, ...]}``;
    as in the real API, consecutive turns of the same role are accepted (the API merges them),
    and a final assistant message is a "prefill" the reply continues. Optional: ``system``
    (string or text blocks), ``temperature`` (0-1), ``top_p``, ``top_k`` (checked, ignored:
    replies never vary), ``stop_sequences`` (list of strings), ``stream`` (bool), ``metadata``.
    Unknown fields: ``<field>: Extra inputs are not permitted``. ``tools``, ``thinking`` and other
    real-but-unsimulated fields are refused with a message saying so.

Replies (the rule-based "model"; the first matching rule wins, applied to the last user message)
    1. Classification: the prompt has ``Labels:``, ``Categories:`` or ``one of:`` followed by at
       least two labels separated by commas (or ``|``, ``;``, `` or ``), up to the end of the line
       or of the sentence. The rest of the prompt is scored by keywords (pandas/csv/etl/sql/data
       -> data; model/train/llm/neural/pytorch/AI -> ml; flask/django/react/api/http/web -> web;
       docker/kubernetes/ci/deploy/terraform -> devops; documentation/tutorial/guide/markdown
       -> docs; ties in that order: ml, data, web, devops, docs; no hit -> other). The reply is
       exactly the offered label naming that category (``ml/ai``, ``Machine learning``,
       ``Data``...), else the one naming "other", else the last label. One block, the label only.
       If the prompt also asks for a reason ("reason", "why", "explain", "justify", not negated
       as in "no explanation" or "label only"), a SECOND block follows: ``Reason: ...``.
    2. Greeting: "say hello", or a message of at most 8 words starting with hello/hi/hey/...
       -> ``Hello! How can I help you today?``
    3. List: the prompt says list/bullets/enumerate or "three tips", "5 ways"... -> TWO blocks:
       ``Here are N short points in reply to "<first 12 words>":`` then a numbered list of N
       general tips (N from the prompt, 2 to 5, default 3). ``content[0]["text"]`` misses the
       list: join the blocks (pitfall 13).
    4. Anything else -> one block of short lines: ``You asked: "<first 12 words>"``, then, if
       present, ``My instructions (system prompt) say: "..."`` and ``Earlier in this
       conversation you wrote: "<first user message>"`` (shows that history must be re-sent),
       then a note that this is a canned, deterministic reply.
    Same request -> same reply, whatever the model or ``temperature``.

Stopping
    ``max_tokens`` smaller than the reply cuts it to that many tokens: ``stop_reason:
    "max_tokens"``. A ``stop_sequences`` entry found in the (cut) reply ends it just before
    the sequence: ``stop_reason: "stop_sequence"``, ``stop_sequence`` set. Otherwise
    ``end_turn``. Blocks left empty are dropped (``content`` can be ``[]``).

Tokens (approximation)
    A token is a run of at most 6 letters/digits or one punctuation mark, with the whitespace
    before it: "Hello! How can I help you today?" is 9 tokens. ``input_tokens`` = tokens of the
    system prompt and of every message + 3 per message.

Rate limit (per app, so per ``helpers.simulate`` reset)
    A window admits 50 requests with a valid key (``anthropic-ratelimit-requests-limit: 50``,
    ``-remaining`` counts down from 49). The next one, the 51st, gets 429 rate_limit_error with
    ``retry-after: 1`` and starts a new window, so the retry succeeds: 1-50 OK, 51 -> 429,
    52-101 OK, 102 -> 429, ... Every 200 and 429 carries ``anthropic-ratelimit-{requests,tokens,
    input-tokens,output-tokens}-{limit,remaining,reset}`` (reset = RFC 3339 time, UTC, now + 60 s,
    or now + 1 s on a 429). Token limits (30000 input, 8000 output) are reported, not enforced.
    ``app.config["ANTHROPIC_REQUESTS_LIMIT"]`` changes the 50.

Errors and how to trigger them (checked in this order)
    404 not_found_error       any other path ("Not found")
    405 invalid_request_error GET (or any non-POST) /v1/messages; ``allow: POST``
    401 authentication_error  no x-api-key: "x-api-key header is required" (plus a hint when an
                              Authorization header was sent instead); any other key:
                              "invalid x-api-key". Requests with a bad key do not count.
    429 rate_limit_error      the 51st request of a window (see above), ``retry-after: 1``
    400 invalid_request_error no anthropic-version ("anthropic-version: header is required") or
                              an unknown one
    413 request_too_large     a body over 32 MB (``app.config["ANTHROPIC_MAX_BODY_BYTES"]``)
    400 invalid_request_error a form body (``data=`` instead of ``json=``); malformed JSON ("The
                              request body is not valid JSON: ..."); then the body, field by
                              field: "max_tokens: Field required", "messages: Field required",
                              "messages.0.role: Input should be 'user' or 'assistant'", empty
                              content, "temperature: Input should be less than or equal to 1",
                              "prompt: Extra inputs are not permitted", ...
    404 not_found_error       an unknown model: "model: claude-3-opus"
    400 invalid_request_error max_tokens over 64000 ("max_tokens: 100000 > 64000, which is ...")
    Injected (before any other check, not counted by the rate limit) with
    ``helpers.services._common.queue_faults(app, status)``: 400, 401, 403
    permission_error, 404, 413, 429 (with ``retry-after: 1``), 500 api_error, 529
    overloaded_error ("Overloaded"); other 4xx/5xx become invalid_request_error/api_error.
    Every error has ``x-should-retry`` (true for 408, 409, 429 and 5xx), as the real API sends.

Streaming (``"stream": true``)
    200 ``text/event-stream``; events ``message_start`` (message with empty content),
    ``content_block_start``, ``ping``, ``content_block_delta`` (``text_delta``, three words
    each), ``content_block_stop`` (start/deltas/stop again for a second block),
    ``message_delta`` (stop_reason, stop_sequence, usage.output_tokens), ``message_stop``;
    each is ``event: NAME\\ndata: JSON\\n\\n``. The body is a generator, so it really streams when
    served on 127.0.0.1; ``app.config["ANTHROPIC_STREAM_DELAY"]`` (seconds, default 0) pauses
    before each delta. :func:`queue_stream_error` makes the next stream stop after its first
    delta with ``event: error`` (overloaded_error), after the 200.
"""

from __future__ import annotations

from .app import create_app, queue_stream_error
from .validation import DEMO_API_KEY, MODELS

HOST = "api.anthropic.com"

__all__ = ["DEMO_API_KEY", "HOST", "MODELS", "create_app", "queue_stream_error"]
