"""The private, bounded world every check runs in.

While a checker runs, :func:`sandbox` gives it (and the learner's code it calls):

* a fresh, private, offline simulator, nested over the learner's own simulation (restored
  afterwards), so a check never touches the network, even in live mode, and never spends the
  learner's rate limit, data or tokens;
* the demo keys in the environment (the learner's environment is restored afterwards);
* a request budget: the request after the last allowed one raises :class:`RequestBudgetExceeded`,
  a ``BaseException`` that a learner's ``except Exception`` cannot swallow;
* a virtual clock: ``time.sleep`` returns at once and records the wait (``time.time`` and
  ``time.monotonic`` advance by the waits), and total waiting over a budget raises
  :class:`TimeBudgetExceeded`; a wall-clock alarm stops a CPU loop (main thread only);
* captured ``stdout`` and ``stderr``, so a checker can tell whether a secret was printed.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import requests

from helpers.hosts import DEMO_ENVIRONMENT
from helpers.simulator import Simulator

MAX_REQUESTS = 50
MAX_VIRTUAL_SLEEP = 120.0  # seconds the learner's code may wait in total during one check
WALL_SECONDS = 10.0

_SERVER_MODULES = ("helpers.services",)  # their sleeps are a slow server, not the learner


class RequestBudgetExceeded(BaseException):
    """The learner's code sent more requests than one check allows."""

    def __init__(self, sent: int) -> None:
        super().__init__(f"{sent} requests")
        self.sent = sent


class TimeBudgetExceeded(BaseException):
    """The learner's code would wait (``virtual``) or ran (``wall``) longer than allowed."""

    def __init__(self, kind: str, seconds: float) -> None:
        super().__init__(f"{kind}: {seconds:g} s")
        self.kind = kind
        self.seconds = seconds


@dataclass
class Sandbox:
    sim: Simulator
    max_requests: int = MAX_REQUESTS
    max_sleep: float = MAX_VIRTUAL_SLEEP
    sent: int = 0
    sleeps: list[float] = field(default_factory=list)
    offset: float = 0.0  # virtual seconds added to the clocks
    output: io.StringIO = field(default_factory=io.StringIO)

    def sleeps_since(self, start: int) -> list[float]:
        return self.sleeps[start:]


_stack: list[Sandbox] = []
_COURSE = str(Path(__file__).parents[1])
_LIBRARIES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})


def _is_learners(filename: str) -> bool:
    return not filename.startswith((_COURSE, *_LIBRARIES, "<frozen"))


def _insist(error: BaseException) -> BaseException:
    """Make ``error`` rise again at every line of the learner's code until the check ends, so
    that even a bare ``except:`` inside a loop cannot swallow it and keep going."""

    def tracer(frame, event, arg):
        if event == "line" and _is_learners(frame.f_code.co_filename):
            raise error
        return tracer

    frame = sys._getframe(1)
    while frame is not None:
        frame.f_trace, frame.f_trace_lines = tracer, True
        frame = frame.f_back
    if not _insisting:
        _insisting.append(sys.gettrace())
    sys.settrace(tracer)
    return error


_insisting: list = []  # the trace function to restore once the check is over


@contextlib.contextmanager
def _stop_insisting() -> Iterator[None]:
    try:
        yield
    finally:
        if _insisting:
            sys.settrace(_insisting.pop())
            frame = sys._getframe(1)
            while frame is not None:
                frame.f_trace = None
                frame = frame.f_back


def active() -> Sandbox:
    """The sandbox of the check that is running (checkers call this, never ``current()``)."""
    if not _stack:
        raise RuntimeError("no check is running: checkers run inside helpers.exercises.evaluate")
    return _stack[-1]


def _count_requests(box: Sandbox):
    original = requests.Session.send

    def send(self, request, **kwargs):
        if box.sent >= box.max_requests:
            raise _insist(RequestBudgetExceeded(box.sent))
        box.sent += 1
        return original(self, request, **kwargs)

    return mock.patch.object(requests.Session, "send", send)


def _learner_globals(values: Iterable[object]) -> list[dict]:
    """The module namespaces of the learner's functions (and of their classes' methods)."""
    found: dict[int, dict] = {}
    for value in values:
        members = list(vars(value).values()) if isinstance(value, type) else [value]
        for member in members:
            member = (
                getattr(member, "__func__", member)
                if inspect.ismethoddescriptor(member)
                else member
            )
            if inspect.isfunction(member):
                found[id(member.__globals__)] = member.__globals__
    return list(found.values())


@contextlib.contextmanager
def _swapped(namespace: dict, name: str, value: object) -> Iterator[None]:
    """``namespace[name] = value`` for the block, then the original back (nothing else touched)."""
    original = namespace[name]
    namespace[name] = value
    try:
        yield
    finally:
        if namespace.get(name) is value:
            namespace[name] = original


def _virtual_clock(box: Sandbox, learner: Iterable[object] = ()):
    real_time, real_monotonic, real_sleep = time.time, time.monotonic, time.sleep
    # Only the thread running the check lives on the virtual clock: the kernel's own threads
    # (ipykernel's parent poller sleeps 1 s in a loop) keep real time and real sleeps.
    checking = threading.get_ident()

    def sleep(seconds: float) -> None:
        if threading.get_ident() != checking:
            return real_sleep(seconds)
        seconds = float(seconds)  # a str or None raises TypeError, as time.sleep does
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith(_SERVER_MODULES):
            box.offset += min(seconds, 60.0)
            return
        box.sleeps.append(seconds)
        box.offset += seconds
        total = sum(box.sleeps)
        if total > box.max_sleep:
            raise _insist(TimeBudgetExceeded("virtual", total))

    stack = contextlib.ExitStack()
    for namespace in _learner_globals(learner):  # `from time import sleep` in the learner's cell
        for name in [n for n, v in namespace.items() if v is real_sleep]:
            stack.enter_context(_swapped(namespace, name, sleep))
    stack.enter_context(mock.patch.object(time, "sleep", sleep))

    def skewed(real: Callable[[], float]) -> Callable[[], float]:
        return lambda: real() + (box.offset if threading.get_ident() == checking else 0.0)

    stack.enter_context(mock.patch.object(time, "time", skewed(real_time)))
    stack.enter_context(mock.patch.object(time, "monotonic", skewed(real_monotonic)))
    return stack


@contextlib.contextmanager
def _wall_clock_guard(seconds: float) -> Iterator[None]:
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable:
        yield
        return

    def alarm(signum, frame):
        raise _insist(TimeBudgetExceeded("wall", seconds))

    previous = signal.signal(signal.SIGALRM, alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)


@contextlib.contextmanager
def _demo_environment() -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(DEMO_ENVIRONMENT)
    try:
        yield
    finally:
        for name in [n for n in os.environ if n not in saved]:
            del os.environ[name]
        for name, value in saved.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


@contextlib.contextmanager
def sandbox(
    max_requests: int | None = None,
    max_sleep: float | None = None,
    wall_seconds: float | None = None,
    learner: Iterable[object] = (),
) -> Iterator[Sandbox]:
    """Run a check in a private offline simulation, bounded in requests and time (defaults:
    :data:`MAX_REQUESTS`, :data:`MAX_VIRTUAL_SLEEP`, :data:`WALL_SECONDS`). ``learner``: the
    learner's values, whose own ``sleep`` (``from time import sleep``) is made virtual too."""
    max_requests = MAX_REQUESTS if max_requests is None else max_requests
    max_sleep = MAX_VIRTUAL_SLEEP if max_sleep is None else max_sleep
    wall_seconds = WALL_SECONDS if wall_seconds is None else wall_seconds
    sim = Simulator(live=False)
    box = Sandbox(sim=sim, max_requests=max_requests, max_sleep=max_sleep)
    with contextlib.ExitStack() as stack:
        stack.enter_context(_stop_insisting())
        stack.enter_context(_demo_environment())
        sim.start()
        stack.callback(sim.stop)
        stack.enter_context(_count_requests(box))
        stack.enter_context(_virtual_clock(box, learner))
        stack.enter_context(contextlib.redirect_stdout(box.output))
        stack.enter_context(contextlib.redirect_stderr(box.output))
        _stack.append(box)
        stack.callback(_stack.pop)
        stack.enter_context(_wall_clock_guard(wall_seconds))
        yield box
