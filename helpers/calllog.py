"""The request log: a bounded ring of the most recent calls and an exact running count.

A learner's runaway loop (``while True: requests.get(...)``) must not grow the kernel without
bound, so only the last :data:`LOG_SIZE` calls are kept, each with its request and response.
The total number of requests ever sent stays exact (:attr:`CallLog.total`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator

from responses import Call, CallList

LOG_SIZE = 1_000
"""How many recent calls ``sim.calls`` keeps (older ones are dropped; the count stays exact)."""


class CallLog(CallList):
    """A thread-safe ``responses`` call list that keeps the last ``size`` calls."""

    def __init__(self, size: int = LOG_SIZE) -> None:
        self._lock = threading.Lock()
        self._calls: deque[Call] = deque(maxlen=size)  # type: ignore[assignment]
        self.total = 0

    @property
    def size(self) -> int:
        return self._calls.maxlen or 0

    def __iter__(self) -> Iterator[Call]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        return len(self._calls)

    def __getitem__(self, idx):  # type: ignore[override]
        return self.snapshot()[idx]

    def snapshot(self) -> list[Call]:
        """The kept calls, oldest first (a copy: safe while other threads send requests)."""
        with self._lock:
            return list(self._calls)

    def add(self, request, response) -> None:  # type: ignore[override]
        self.add_call(Call(request, response))

    def add_call(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self.total += 1

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self.total = 0

    def since(self, total: int) -> list[Call]:
        """The kept calls made after the log's count was ``total`` (for ``sim.record()``)."""
        with self._lock:
            new = self.total - total
            return list(self._calls)[-new:] if new > 0 else []


class NullCallList(CallList):
    """For the simulator's routes: ``responses`` logs each call on its route too; keep none."""

    def add(self, request, response) -> None:  # type: ignore[override]
        return None

    def add_call(self, call: Call) -> None:
        return None
