"""The request rate limit, applied as the real API applies it: a refused client must wait.

A window admits ``limit`` requests. The next one gets 429 ``rate_limit_error`` with
``retry-after: N`` and the service refuses every request until N seconds have passed on its
clock (each refusal with a fresh ``retry-after``, the seconds still to wait, at least 1); then a
new window starts. A window also ends 60 s after it began.

The clock is the services' clock, :func:`helpers.services._common.now` (``time.monotonic()``
plus the waits the in-process transport counted instead of sleeping them), plus this limiter's
own skew (:meth:`RateLimiter.advance`, for a demo without waiting). So:

* code that sleeps ``retry-after`` seconds itself (``time.sleep``) succeeds;
* code that retries at once is refused again, offline as live;
* a ``urllib3.Retry`` mounted on a session that honours ``Retry-After`` succeeds: on 127.0.0.1
  urllib3 really sleeps; in-process the mock re-sends at once and advances the clock by what
  urllib3 would have slept (:mod:`helpers.course_mock`). A ``Retry`` that ignores the header
  waits only its backoff, and is refused again.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from helpers.services import _common

WINDOW_SECONDS = 60


@dataclass
class RateLimiter:
    """Requests and tokens of the current window, and the end of the current refusal, if any."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    window_start: float | None = None
    blocked_until: float | None = None
    skew: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return _common.now() + self.skew

    def admit(self, limit: int, retry_after: int) -> int | None:
        """Count one request. ``None`` if admitted, else the seconds to put in ``retry-after``."""
        with self.lock:
            now = self.now()
            if self.blocked_until is not None:
                if now < self.blocked_until:
                    return max(1, math.ceil(self.blocked_until - now))
                self.blocked_until = None
                self._new_window(now)
            if self.window_start is None or now - self.window_start >= WINDOW_SECONDS:
                self._new_window(now)
            if self.requests >= limit:
                self.blocked_until = now + retry_after
                return retry_after
            self.requests += 1
            return None

    def _new_window(self, now: float) -> None:
        self.requests = self.input_tokens = self.output_tokens = 0
        self.window_start = now

    def record(self, input_tokens: int, output_tokens: int) -> None:
        with self.lock:
            self.input_tokens += input_tokens
            self.output_tokens += output_tokens

    def seconds_to_reset(self, refused_for: int | None) -> float:
        """Seconds until the limit resets: the wait of a refusal, else the window's end."""
        if refused_for is not None:
            return refused_for
        with self.lock:
            if self.window_start is None:
                return WINDOW_SECONDS
            return max(0.0, WINDOW_SECONDS - (self.now() - self.window_start))

    def advance(self, seconds: float) -> None:
        """Move the service's clock forward (tests, or a demonstration without waiting)."""
        with self.lock:
            self.skew += seconds


def headers(
    limiter: RateLimiter, limits: dict[str, int], refused_for: int | None = None
) -> dict[str, str]:
    """``anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}``
    (reset: RFC 3339, UTC, whole seconds). ``limits``: requests, input_tokens, output_tokens."""
    wall = datetime.now(timezone.utc).replace(microsecond=0)
    seconds = math.ceil(limiter.seconds_to_reset(refused_for))
    reset = (wall + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")
    request_limit = limits["requests"]
    input_limit, output_limit = limits["input_tokens"], limits["output_tokens"]
    with limiter.lock:
        used = {
            "requests": (request_limit, request_limit if refused_for else limiter.requests),
            "tokens": (input_limit + output_limit, limiter.input_tokens + limiter.output_tokens),
            "input-tokens": (input_limit, limiter.input_tokens),
            "output-tokens": (output_limit, limiter.output_tokens),
        }
    result = {}
    for name, (limit, spent) in used.items():
        result[f"anthropic-ratelimit-{name}-limit"] = str(limit)
        result[f"anthropic-ratelimit-{name}-remaining"] = str(max(0, limit - spent))
        result[f"anthropic-ratelimit-{name}-reset"] = reset
    return result
