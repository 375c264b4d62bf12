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

from helpers.exercises import check
from helpers.loopback import serve
from helpers.simulator import current, simulate
from helpers.wire import show

__all__ = ["check", "current", "serve", "show", "simulate"]
