"""The simulator's control plane: the verbs notebooks and checkers use to stage a demo.

    sim.fail_next(host, status, times=1, headers=None)   the next requests fail with status
    sim.fail_next(host, "timeout", times=1)              ... raise ReadTimeout (no answer)
    sim.fail_next(host, "connect-timeout", times=1)      ... raise ConnectTimeout (no connection)
    sim.break_next_stream(host="api.anthropic.com", times=1)   the next streams break off
    sim.send_unicode_stream(host="api.anthropic.com", times=1) the next streams carry U+2028,
                                                         U+2029 and split multi-byte characters,
                                                         then break off with an error event
    sim.spend_rate_limit(host="api.github.com", remaining=0)   the rate limit is (almost) spent
    with sim.record() as calls: ...                      the calls made inside the block
    sim.calls, sim.request_count                         the recent calls, the exact total
    sim.reset()                                          fresh services, empty log

Offline each verb acts on the simulated service. Live, the real service cannot be told to fail
on cue, so the verb sends that one demo (the next few requests to that host) to a private
simulated twin and prints one line saying so. Each service's own hook is reached through one
small function below; nothing else in the course touches a service's internals.

A ``"timeout"`` fault is what a real socket raises when the server took the request and never
answered: ``requests.exceptions.ReadTimeout``, ``HTTPSConnectionPool(host=..., port=443): Read
timed out. (read timeout=N)``, retried through a mounted ``urllib3.Retry`` exactly as a real
read timeout is (``read``, ``allowed_methods``: a POST only when allowed; used up:
``ConnectionError``). ``"connect-timeout"`` raises ``ConnectTimeout`` (retried for any method).
The timeout is not waited in the kernel: it is added to the services' clock (an unset timeout
counts as 0 s, where a real socket would wait for ever).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from flask import Flask

from helpers.course_mock import TRANSPORT_FAULTS, CourseRequestsMock
from helpers.hosts import get_host
from helpers.services._common import queue_faults

STREAMING_HOSTS = ("api.anthropic.com",)
RATE_LIMITED_HOSTS = ("api.github.com",)


# -- each service's hook, in one place -------------------------------------------------------


def _queue_faults(app: Flask, status: int, times: int, headers: dict[str, str] | None) -> bool:
    """Queue failures in the service's own fault plan; False if the service has none."""
    if "faults" not in app.extensions:
        return False
    queue_faults(app, status, times=times, headers=headers)
    return True


def _break_streams(app: Flask, times: int) -> None:
    from helpers.services.anthropic import queue_stream_error

    queue_stream_error(app, times=times)


def _unicode_streams(app: Flask, times: int) -> None:
    from helpers.services.anthropic import queue_unicode_stream

    queue_unicode_stream(app, times=times)


def _spend(app: Flask, resource: str, remaining: int, token: str | None) -> None:
    """Leave ``remaining`` requests of GitHub's ``resource`` bucket for ``token`` (or anonymous)."""
    state = app.extensions["github"]
    bucket = state.bucket(token or "anonymous", resource)
    state.use(resource, max(0, bucket.limit - bucket.used - remaining), token)


def _as_the_twin_sees_it(record, token: str | None) -> str | None:
    """Live, the learner's own key reaches a private twin as the demo key (see the simulator):
    spend the budget the twin will count."""
    for name, demo in record.demo_env:
        if token is not None and token == os.environ.get(name):
            return demo
    return token


# -- the verbs -------------------------------------------------------------------------------


class Recording(Sequence):
    """The calls made inside a ``with sim.record()`` block (fixed when the block ends)."""

    def __init__(self, sim: ControlPlane) -> None:
        self._sim = sim
        self._start = sim.request_count
        self._frozen: list | None = None

    def _calls(self) -> list:
        if self._frozen is not None:
            return self._frozen
        return self._sim._calls_since(self._start)

    def freeze(self) -> None:
        self._frozen = self._sim._calls_since(self._start)

    def __getitem__(self, index):  # type: ignore[override]
        return self._calls()[index]

    def __len__(self) -> int:
        return len(self._calls())

    def __repr__(self) -> str:
        return f"<{len(self)} recorded calls>"


class ControlPlane:
    """Mixin for :class:`helpers.simulator.Simulator` (which provides ``app``, ``live``,
    ``_detour``, ``_fail_generic``, ``_calls_since`` and ``request_count``)."""

    live: bool
    mock: CourseRequestsMock

    def fail_next(
        self,
        host: str,
        status: int | str,
        times: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Make the next ``times`` requests to ``host`` fail with ``status`` (the service's own
        error body for it) and extra ``headers`` (e.g. ``{"Retry-After": "1"}``); or, with
        ``"timeout"`` / ``"connect-timeout"``, raise the ``ReadTimeout`` / ``ConnectTimeout`` a
        real socket raises (see the module docstring)."""
        record = self._controlled(host)
        if status in TRANSPORT_FAULTS:
            self.mock.queue_transport_fault(record.host, str(status), times)
            what = "time out" if status == "timeout" else "refuse to connect in time"
            self._detour(record.host, times, f"{what} {times} time(s)")
            return
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(
                f'fail_next needs an HTTP error status (400-599), "timeout" or '
                f'"connect-timeout", not {status!r}'
            )
        if not _queue_faults(self.app(record.host), status, times, headers):
            self._fail_generic(record.host, status, times, headers)
        self._detour(record.host, times, f"fail {times} time(s) with {status}")

    def break_next_stream(self, host: str = "api.anthropic.com", times: int = 1) -> None:
        """Make the next ``times`` streamed replies from ``host`` break off with an error event."""
        record = self._streaming(host, "sends no streams to break")
        _break_streams(self.app(record.host), times)
        self._detour(record.host, times, f"break {times} stream(s) off")

    def send_unicode_stream(self, host: str = "api.anthropic.com", times: int = 1) -> None:
        """Make the next ``times`` streamed replies from ``host`` (any prompt) carry U+2028,
        U+2029 and multi-byte characters split across chunks, then break off with an ``error``
        event: the stream a server-sent-events parser must get right."""
        record = self._streaming(host, "sends no streams")
        _unicode_streams(self.app(record.host), times)
        self._detour(record.host, times, f"send {times} such stream(s)")

    def spend_rate_limit(
        self,
        host: str = "api.github.com",
        remaining: int = 0,
        *,
        resource: str = "core",
        token: str | None = None,
    ) -> None:
        """Spend ``host``'s rate limit until ``remaining`` requests are left (anonymous, or for
        ``token``, e.g. ``os.environ["GITHUB_TOKEN"]``), as if earlier requests had used it up."""
        record = self._controlled(host)
        if record.host not in RATE_LIMITED_HOSTS:
            raise ValueError(
                f"{record.host} has no rate limit to spend here: only "
                f"{', '.join(RATE_LIMITED_HOSTS)} does."
            )
        _spend(self.app(record.host), resource, remaining, _as_the_twin_sees_it(record, token))
        self._detour(record.host, remaining, f"have {remaining} request(s) left", spend=True)

    @contextmanager
    def record(self) -> Iterator[Recording]:
        """``with sim.record() as calls:`` gives the calls made inside the block."""
        recording = Recording(self)
        try:
            yield recording
        finally:
            recording.freeze()

    # -- provided by the simulator ---------------------------------------------------------
    def app(self, host: str) -> Flask:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def request_count(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def _calls_since(self, total: int) -> list:  # pragma: no cover - overridden
        raise NotImplementedError

    def _detour(self, host: str, calls: int, what: str, spend: bool = False) -> None:
        raise NotImplementedError

    def _fail_generic(self, host, status, times, headers) -> None:  # pragma: no cover
        raise NotImplementedError

    def _controlled(self, host: str):
        return get_host(host)

    def _streaming(self, host: str, problem: str):
        record = self._controlled(host)
        if record.host not in STREAMING_HOSTS:
            raise ValueError(f"{record.host} {problem}: only {', '.join(STREAMING_HOSTS)} does.")
        return record
