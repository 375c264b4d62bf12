"""The checker kit and the sandbox every check runs in: private offline simulation, request and
time budgets, the learner's environment untouched, honest errors, and the shared probes."""

from __future__ import annotations

import math
import os
import socket
import sys
import time
from pathlib import Path

import pytest
import requests
from urllib3.util import Retry
from urllib3.util.timeout import Timeout

from helpers import exercises, simulator
from helpers.checkers import _sandbox
from helpers.checkers._tools import (
    broad_handlers,
    require_no_idle_setdefault,
    require_no_secret,
    retry_problem,
    timeout_problem,
)
from helpers.exercises import Wrong, check, evaluate, exercise
from helpers.hosts import DEMO_ENVIRONMENT

_ORIGINAL_TRACE = sys.gettrace()


def fetch_with(timeout):
    def fetch_or_none(url):
        try:
            response = requests.get(url, timeout=timeout)
        except requests.exceptions.ReadTimeout:
            return None
        response.raise_for_status()
        return response.json()

    return fetch_or_none


# -- the private simulation ------------------------------------------------------------------


def _user_card(user):
    name = user.get("name") or user["login"]
    return f"{name} · {(user.get('company') or 'no company').strip().lstrip('@')}"


def test_a_check_sends_nothing_through_the_learners_simulation(sim):
    before = sim.request_count
    for _ in range(40):  # more than GitHub's 60 anonymous requests would allow in pairs
        result = evaluate("02-user-card", {"user_card": _user_card})
        assert result.correct, str(result)
    assert sim.request_count == before
    # the learner's simulation is back in charge afterwards
    requests.get("https://httpbin.org/get", timeout=5)
    assert sim.request_count == before + 1


def test_a_check_never_opens_a_socket_even_in_live_mode(monkeypatch):
    live = simulator.Simulator(live=True).start()
    try:

        def refuse(*args, **kwargs):
            raise AssertionError("a check tried to open a socket")

        monkeypatch.setattr(socket.socket, "connect", refuse)
        result = evaluate("05-fail-fast", {"fetch_or_none": fetch_with((3, 0.5))})
        assert result.correct, str(result)
    finally:
        live.stop()


def test_the_learners_environment_is_unchanged_after_a_check(sim, monkeypatch):
    monkeypatch.setenv("EXAMPLE_API_KEY", "learners-own-key")
    monkeypatch.setenv("UNRELATED", "kept")
    before = dict(os.environ)

    def report_titles():
        os.environ["EXAMPLE_API_KEY"] = "changed-by-the-learner"
        os.environ["NEW_VARIABLE"] = "1"
        assert os.environ.get("GITHUB_TOKEN") == DEMO_ENVIRONMENT["GITHUB_TOKEN"]
        return []

    evaluate("04-env-key-bug", {"report_titles": report_titles})
    assert dict(os.environ) == before


def test_sleep_and_send_are_restored_after_a_check(sim):
    sleep, send = time.sleep, requests.Session.send
    evaluate("07-fix-retry-loop", {"get_with_backoff": lambda *a, **k: time.sleep(1)})
    assert time.sleep is sleep and requests.Session.send is send


# -- budgets ---------------------------------------------------------------------------------


def test_a_loop_that_never_stops_gets_the_request_budget_message(sim):
    def fetch_or_none(url):
        while True:
            try:  # noqa: SIM105 (the learner's pattern under test)
                requests.get(url, timeout=(3, 0.5))
            except Exception:  # swallows everything it can: the budget is not an Exception
                pass

    started = time.monotonic()
    result = evaluate("05-fail-fast", {"fetch_or_none": fetch_or_none})
    assert result.status == "wrong"
    assert "sent 50 requests without stopping" in result.message
    assert time.monotonic() - started < 5


def test_waiting_forever_gets_the_time_budget_message_without_waiting(sim):
    def get_with_backoff(session, url, **kwargs):
        while True:
            time.sleep(3600)

    started = time.monotonic()
    result = evaluate("07-fix-retry-loop", {"get_with_backoff": get_with_backoff})
    assert result.status == "wrong" and "would wait" in result.message
    assert time.monotonic() - started < 2


def test_a_cpu_loop_is_stopped_by_the_wall_clock(sim, monkeypatch):
    monkeypatch.setattr(_sandbox, "WALL_SECONDS", 0.3)

    def describe_status(code):
        while True:
            pass

    started = time.monotonic()
    result = evaluate("01-status-class", {"describe_status": describe_status})
    assert result.status == "wrong" and "ran for more than" in result.message
    assert time.monotonic() - started < 3


def test_the_virtual_clock_advances_with_the_waits():
    with _sandbox.sandbox() as box:
        start = time.monotonic()
        time.sleep(30)
        assert time.monotonic() - start >= 30
        assert box.sleeps == [30.0]


def test_other_threads_keep_real_time_during_a_check():
    """The kernel's own threads (ipykernel's parent poller sleeps 1 s in a loop) must not spend
    the learner's time budget nor see the virtual clock."""
    import threading

    stop = threading.Event()
    seen: list[float] = []

    def poller():
        while not stop.is_set():
            before = time.monotonic()
            time.sleep(0.01)
            seen.append(time.monotonic() - before)

    thread = threading.Thread(target=poller, daemon=True)
    with _sandbox.sandbox() as box:
        thread.start()
        time.sleep(0.2)  # the learner's virtual wait
        real = time.perf_counter()
        while time.perf_counter() - real < 0.2:  # the check keeps running for a moment
            pass
        assert box.sleeps == [0.2]
    stop.set()
    thread.join(2)
    assert seen and all(0.005 <= step < 1 for step in seen)


# -- honest errors, check never raises -------------------------------------------------------


@pytest.mark.parametrize("bad_id", [None, 42, "99-no-such-exercise", "../etc", ""])
def test_check_never_raises_for_any_id(bad_id, capsys, sim):
    check(bad_id, {})
    out = capsys.readouterr().out
    assert out.startswith("⚠️")


class Hostile:
    def __repr__(self):
        raise RuntimeError("no repr")

    __str__ = __repr__

    def __eq__(self, other):
        raise RuntimeError("no eq")

    def __bool__(self):
        raise RuntimeError("no bool")

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize(
    "exercise_id, values",
    [
        ("01-status-class", {"describe_status": lambda code: Hostile()}),
        ("07-should-retry", {"should_retry": lambda method, status: Hostile()}),
        ("05-fail-fast", {"fetch_or_none": lambda url: Hostile()}),
        ("02-recent-repos", {"recent_repos": Hostile()}),
        ("00-first-request", {"first_response": Hostile()}),
    ],
)
def test_hostile_learner_objects_get_a_verdict(exercise_id, values, capsys, sim):
    check(exercise_id, values)
    out = capsys.readouterr().out
    assert out.startswith(("❌", "⏳"))


def test_a_crash_in_the_checker_is_reported_as_a_course_bug(sim, monkeypatch):
    # a checker defined here counts as the course's own code
    monkeypatch.setattr(exercises, "OWN_DIRS", [*exercises.OWN_DIRS, Path(__file__).parent])

    @exercise("99-buggy-checker", "f")
    def _check(f):
        return {}["missing"]  # a bug of ours, not the learner's

    result = evaluate("99-buggy-checker", {"f": lambda: None})
    assert result.status == "wrong"
    assert "bug in the course, not your code" in result.message
    assert "ISSUE_TEMPLATE" not in result.hint and "learner-problem.yml" in result.hint
    assert result.hint.count("https://github.com/") == 1


def test_a_crash_in_the_learners_code_is_the_learners(sim):
    def fetch_or_none(url):
        return {}["oops"]

    result = evaluate("05-fail-fast", {"fetch_or_none": fetch_or_none})
    assert result.message.startswith("your code raised KeyError")


# -- probes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "timeout, reason",
    [
        (None, "could wait forever"),
        ((5, None), "read part without a limit"),
        ((None, 5), "connect part without a limit"),
        (0, "refused by a real connection"),
        (-1, "refused by a real connection"),
        ((0, 5), "refused by a real connection"),
        ((-1, -1), "refused by a real connection"),
        ("5", "not a number"),
        (True, "is a bool"),
        ((1, 2, 3), "has 3 values"),
        (math.nan, "not a number of seconds"),
        (math.inf, "not a number of seconds"),
        (Timeout(connect=3), "read part without a limit"),
    ],
)
def test_timeouts_a_real_connection_refuses_or_that_never_end(timeout, reason):
    problem = timeout_problem(timeout)
    assert problem and reason in problem


@pytest.mark.parametrize("timeout", [5, 0.5, (3, 10), (3.05, 27), Timeout(connect=3, read=10)])
def test_bounded_timeouts_pass(timeout):
    assert timeout_problem(timeout) is None


@pytest.mark.parametrize(
    "retry, reason",
    [
        (Retry(total=None, backoff_factor=0.5, status_forcelist=[503]), "does not bound"),
        (Retry(total=100, backoff_factor=0.5, status_forcelist=[503]), "does not bound"),
        (Retry(total=3, backoff_factor=0, status_forcelist=[503]), "no backoff"),
        (Retry(total=3, backoff_factor=0.5, backoff_max=math.inf), "sensible cap"),
        (Retry(total=3, backoff_factor=0.5, allowed_methods=None), "every method"),
        (Retry(total=3, backoff_factor=0.5, allowed_methods=["GET", "POST"]), "['POST']"),
        (Retry(total=3, backoff_factor=0.5, status_forcelist=[501, 503]), "501 Not Implemented"),
        (Retry(total=3, backoff_factor=0.5, status_forcelist=[404]), "[404]"),
        (
            Retry(total=3, backoff_factor=0.5, respect_retry_after_header=False),
            "Retry-After",
        ),
    ],
)
def test_retry_policies_a_reviewer_sends_back(retry, reason):
    problem = retry_problem(retry)
    assert problem and reason in problem[0]


def test_a_sound_retry_policy_passes():
    assert retry_problem(Retry(total=3, backoff_factor=0.5, status_forcelist=[429, 503])) is None
    claude = Retry(total=3, backoff_factor=0.5, status_forcelist=[529], allowed_methods=["POST"])
    assert retry_problem(claude, extra_statuses=frozenset({529}), post=True) is None


def test_broad_handlers_that_swallow_are_found_and_re_raising_ones_are_not():
    def swallow(url):
        try:
            return requests.get(url, timeout=5)
        except requests.exceptions.RequestException:
            return None

    def bare(url):
        try:
            return requests.get(url, timeout=5)
        except:  # noqa: E722
            return None

    def re_raise(url):
        try:
            return requests.get(url, timeout=5)
        except Exception as e:
            raise RuntimeError("wrapped") from e

    assert broad_handlers(swallow) == ["except requests.exceptions.RequestException"]
    assert broad_handlers(bare) == ["a bare except:"]
    assert broad_handlers(re_raise) == []
    assert broad_handlers(len) == []  # no source: nothing to say


def test_setdefault_on_a_header_a_session_always_sends_is_a_mistake():
    class Client:
        def __init__(self):
            self.session = requests.Session()
            self.session.headers.setdefault("User-Agent", "mine/1.0")

    class Fine:
        def __init__(self):
            self.session = requests.Session()
            self.session.headers.setdefault("X-Dataset", "iris")

    with pytest.raises(Wrong, match="does nothing"):
        require_no_idle_setdefault(Client)
    require_no_idle_setdefault(Fine)


def test_a_printed_secret_is_found(monkeypatch):
    monkeypatch.setenv("MY_SERVICE_TOKEN", "s3cret-value-123")
    with pytest.raises(Wrong, match="printed a secret"):
        require_no_secret("debug: s3cret-value-123")
    with pytest.raises(Wrong, match="printed a secret"):
        require_no_secret(f"key={DEMO_ENVIRONMENT['EXAMPLE_API_KEY']}")
    require_no_secret("status 200, 4 reports")


# -- any learner value, any exercise: a verdict, quickly, and never "a bug in the course" ----------


def _send_forever(*args, **kwargs):
    while True:
        requests.get("https://api.example.com/todos/1", timeout=5)


def _sleep_forever(*args, **kwargs):
    while True:
        time.sleep(10)


def _swallow_forever(*args, **kwargs):
    while True:
        try:  # noqa: SIM105 (the learner's mistake under test)
            requests.get("https://api.example.com/todos/1", timeout=5)
        except:  # noqa: E722
            pass


ODD_ANSWERS = {
    "swallows forever": _swallow_forever,
    "None": None,
    "a number": 42,
    "hostile": Hostile(),
    "sends forever": _send_forever,
    "sleeps forever": _sleep_forever,
    "a builtin": len,
    "a class": requests.Session,
    "returns hostile": lambda *args, **kwargs: Hostile(),
}


@pytest.mark.parametrize("exercise_id", sorted(exercises.all_exercises()))
def test_any_answer_gets_an_honest_verdict_within_the_budget(exercise_id, sim):
    names = exercises.get(exercise_id).names
    for label, value in ODD_ANSWERS.items():
        started = time.monotonic()
        result = evaluate(exercise_id, dict.fromkeys(names, value))
        assert time.monotonic() - started < 5, label
        assert not result.correct, f"{label}: {result}"
        assert "bug in the course" not in result.message, f"{label}: {result}"


def _starter(code):
    """A function whose body is still the placeholder."""
    ...


def _starter_with_docstring(code):
    """Describe the status class of ``code``."""
    ...


def _returns_ellipsis(code):
    return ...


@pytest.mark.parametrize("function", [_starter, _starter_with_docstring])
def test_a_function_whose_body_is_only_the_placeholder_is_not_attempted(function, sim):
    result = evaluate("01-status-class", {"describe_status": function})
    assert result.status == "not-attempted", str(result)
    assert "`describe_status` still has only `...`" in result.message


def test_a_function_that_returns_the_placeholder_is_an_answer(sim):
    assert evaluate("01-status-class", {"describe_status": _returns_ellipsis}).status == "wrong"


def test_a_sleep_imported_by_name_is_virtual_too_and_put_back(sim):
    namespace: dict = {}
    exec(
        "from time import sleep\ndef fetch_or_none(url):\n    while True:\n        sleep(60)\n",
        namespace,
    )
    real_sleep = namespace["sleep"]
    started = time.monotonic()
    result = evaluate("05-fail-fast", {"fetch_or_none": namespace["fetch_or_none"]})
    assert "would wait" in result.message
    assert time.monotonic() - started < 2
    assert namespace["sleep"] is real_sleep


def test_live_replies_are_judged_by_replaying_the_request_offline(sim, monkeypatch):
    path = Path(__file__).parents[1] / "helpers" / "solutions" / "09-stop-sequence.py"
    namespace: dict = {"__name__": "__main__"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    monkeypatch.setattr(sim, "live", True)  # as if the reply had come from the real model
    before = sim.request_count
    result = evaluate("09-stop-sequence", namespace)
    assert result.correct, str(result)
    assert sim.request_count == before  # the replay went to the check's own simulation


def test_even_a_bare_except_cannot_swallow_the_request_budget(sim):
    def fetch_or_none(url):
        while True:
            try:  # noqa: SIM105 (the learner's mistake under test)
                requests.get(url, timeout=(3, 0.5))
            except:  # noqa: E722 (the learner's mistake under test)
                pass

    started = time.monotonic()
    result = evaluate("05-fail-fast", {"fetch_or_none": fetch_or_none})
    assert "requests without stopping" in result.message
    assert time.monotonic() - started < 5
    assert sys.gettrace() is None or sys.gettrace() is _ORIGINAL_TRACE


def test_even_a_bare_except_cannot_swallow_the_wall_clock(sim, monkeypatch):
    monkeypatch.setattr(_sandbox, "WALL_SECONDS", 0.3)

    def describe_status(code):
        while True:
            try:  # noqa: SIM105
                code += 1
            except:  # noqa: E722
                pass

    started = time.monotonic()
    result = evaluate("01-status-class", {"describe_status": describe_status})
    assert "ran for more than" in result.message
    assert time.monotonic() - started < 3


def test_the_learners_code_runs_normally_after_an_insisted_budget(sim):
    test_even_a_bare_except_cannot_swallow_the_request_budget(sim)
    requests.get("https://httpbin.org/get", timeout=5)  # no leftover tracer raising here
    assert evaluate("07-should-retry", {"should_retry": lambda m, s: False}).status == "wrong"
