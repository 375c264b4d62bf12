"""Shared helpers for the course notebooks.

>>> from helpers import simulate, show
>>> sim = simulate()          # offline mode, fresh state (see helpers.simulator)
>>> r = requests.get("https://httpbin.org/get", timeout=5)
>>> show(r)                   # the wire view, like curl -v, secrets redacted
>>> sim.fail_next("httpbin.org", 503)   # the control plane: see helpers.control
>>> sim.fail_next("httpbin.org", "timeout")   # the next request raises ReadTimeout
>>> sim.send_unicode_stream()  # the next Anthropic stream: U+2028, split UTF-8, an error event
>>> sim = simulate(live=True) # the real services (see helpers.simulator: switching modes)
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported on first use, so that `python -m helpers.environment` (the set-up check) runs before
# Flask, responses and the rest are installed: exactly when a learner needs it.
_EXPORTS = {
    "check": "helpers.exercises",
    "current": "helpers.simulator",
    "serve": "helpers.loopback",
    "show": "helpers.wire",
    "simulate": "helpers.simulator",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
