"""Exercises with instant feedback.

A notebook exercise is a code cell the learner edits (it starts with ``...`` placeholders or a
``raise NotImplementedError``), followed by a checker cell::

    check("00-first-request")

``check`` reads the names the exercise asks for from the notebook's namespace, runs that
exercise's checker and prints one of three verdicts: correct, not yet (what is wrong and a hint),
or not attempted yet. It never raises, so "Run All" goes on and the committed notebook, with its
exercises unsolved, runs cleanly.

Checkers live in ``helpers/checkers/nbNN.py`` (one module per notebook), built on the shared kit
``helpers/checkers/_tools.py``; reference solutions in ``helpers/solutions/<exercise-id>.py``,
which learners can load with ``%load``.

Every checker runs in a sandbox (``helpers/checkers/_sandbox.py``): a private, offline simulation
(checking never touches the network or spends the learner's rate limit, data or tokens), the demo
keys in the environment (the learner's environment is restored afterwards), a request budget, a
virtual clock for ``time.sleep`` and a wall-clock alarm. A crash inside a checker is reported as
a bug in the course, with where to report it, never as the learner's error.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SOLUTIONS_DIR = Path(__file__).parent / "solutions"


class Wrong(Exception):
    """Raised by a checker: ``problem`` says what is wrong, ``hint`` how to get closer."""

    def __init__(self, problem: str, hint: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


class NotAttempted(Exception):
    """Raised by a checker when the learner's answer is still the starter placeholder."""


@dataclass(frozen=True)
class Exercise:
    id: str
    names: tuple[str, ...]
    checker: Callable[..., str]
    optional: tuple[str, ...] = ()  # notebook names passed along when they are defined

    @property
    def solution_path(self) -> Path:
        return SOLUTIONS_DIR / f"{self.id}.py"


@dataclass(frozen=True)
class Result:
    status: str  # "correct", "wrong" or "not-attempted"
    message: str
    hint: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        if self.status == "correct":
            return f"✅ Correct! {self.message}"
        if self.status == "not-attempted":
            return f"⏳ Not attempted yet: {self.message}"
        text = f"❌ Not yet: {self.message}"
        return text + (f"\n💡 Hint: {self.hint}" if self.hint else "")


REGISTRY: dict[str, Exercise] = {}


def exercise(
    exercise_id: str, *names: str, optional: tuple[str, ...] = ()
) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register a checker. It receives the learner's ``names`` as keyword arguments (and those
    of ``optional`` that the notebook defines, such as a helper defined earlier) and returns a
    short success message, or raises :class:`Wrong` / :class:`NotAttempted`."""

    def register(checker: Callable[..., str]) -> Callable[..., str]:
        REGISTRY[exercise_id] = Exercise(exercise_id, tuple(names), checker, tuple(optional))
        return checker

    return register


def get(exercise_id: str) -> Exercise:
    """The exercise with this id, importing its notebook's checker module on first use."""
    if exercise_id not in REGISTRY and exercise_id[:2].isdigit():
        module = f"helpers.checkers.nb{exercise_id[:2]}"
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(module)
    if exercise_id not in REGISTRY:
        raise KeyError(
            f"There is no exercise called {exercise_id!r}. Check the spelling in the check(...) "
            "call: it should match the exercise title above it."
        )
    return REGISTRY[exercise_id]


def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every notebook (imports all checker modules)."""
    for path in sorted(Path(__file__).parent.joinpath("checkers").glob("nb*.py")):
        importlib.import_module(f"helpers.checkers.{path.stem}")
    return dict(sorted(REGISTRY.items()))


def _is_placeholder(value: object) -> bool:
    """The starter value ``...``. (``None`` is an answer: often the symptom of a real mistake.)"""
    return value is Ellipsis


REPORT_URL = "https://github.com/{repo}/issues/new?template=learner-problem.yml"
OWN_DIRS = [Path(__file__).parent]  # the course's code: a crash there is our bug


def _safe(value: object, fallback: str = "(cannot be shown)") -> str:
    """``str`` of something the learner made, which may raise in ``__str__``/``__repr__``."""
    try:
        return str(value)
    except Exception:  # a broken __str__ must not break the verdict
        return fallback


# A TypeError from calling the learner's value with the exercise's arguments (a builtin or a
# class given where a function was asked for) is the learner's, though no learner code ran.
_CALL_MISMATCH = re.compile(r"argument|not callable|has no len|keyword|object is not|not support")


def _learner_frames(error: BaseException) -> bool:
    """True when code outside the course (the learner's) was running when ``error`` rose."""
    library = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        ours = filename.startswith(tuple(str(d) for d in OWN_DIRS))
        if not ours and not filename.startswith(library) and not filename.startswith("<frozen"):
            return True
        tb = tb.tb_next
    return isinstance(error, TypeError) and bool(_CALL_MISMATCH.search(_safe(error)))


def _course_bug(error: BaseException) -> Result:
    from helpers.course.manifest import GITHUB_REPOSITORY

    return Result(
        "wrong",
        f"the checker itself crashed ({type(error).__name__}: "
        f"{_safe(error)}). This is a bug in the course, not your code.",
        "please report it (the exercise id and this message) at "
        + REPORT_URL.format(repo=GITHUB_REPOSITORY),
    )


def _run_checker(ex: Exercise, values: dict) -> Result:
    from helpers.checkers._sandbox import RequestBudgetExceeded, TimeBudgetExceeded, sandbox
    from helpers.checkers._tools import require_attempted

    try:
        for name, value in values.items():
            require_attempted(value, name)
        with sandbox(learner=values.values()):
            message = ex.checker(**values)
        return Result("correct", str(message))
    except NotAttempted as e:
        return Result("not-attempted", _safe(e) or "fill in the cell above and run it.")
    except NotImplementedError:
        return Result(
            "not-attempted",
            "the function still raises NotImplementedError: write its body, run the cell, "
            "then run this cell again.",
        )
    except Wrong as e:
        return Result("wrong", e.problem, e.hint)
    except RequestBudgetExceeded as e:
        return Result(
            "wrong",
            f"your code sent {e.sent} requests without stopping, so the checker stopped it.",
            "every loop that sends requests needs a way out: a stop condition, a maximum "
            "number of attempts or pages.",
        )
    except TimeBudgetExceeded as e:
        if e.kind == "virtual":
            return Result(
                "wrong",
                f"your code would wait {e.seconds:.0f} s in time.sleep without finishing, so "
                "the checker stopped it.",
                "bound the waits: a maximum number of attempts and a cap on each wait.",
            )
        return Result(
            "wrong",
            f"your code ran for more than {e.seconds:g} s without finishing, so the checker "
            "stopped it.",
            "look for a loop that never ends, or one that keeps going when it should stop.",
        )
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except SystemExit:
        return Result(
            "wrong",
            "your code called exit() (SystemExit), which would stop the whole program.",
            "raise an exception or return a value instead.",
        )
    except Exception as e:
        if not _learner_frames(e):
            return _course_bug(e)
        return Result(
            "wrong",
            f"your code raised {type(e).__name__}: {_safe(e)}",
            "read the error message above, fix the cell, run it, then check again.",
        )


def evaluate(exercise_id: str, namespace: dict) -> Result:
    """Run one checker against ``namespace`` and return the verdict (no printing).

    The checker runs inside :func:`helpers.checkers._sandbox.sandbox`: a private offline
    simulation with request and time budgets. Raises ``KeyError`` for an unknown id.
    """
    ex = get(exercise_id)
    missing = [n for n in ex.names if n not in namespace or _is_placeholder(namespace[n])]
    if missing:
        listed = ", ".join(f"`{n}`" for n in missing)
        return Result(
            "not-attempted",
            f"define {listed} in the exercise cell above, run it, then run this cell again.",
        )
    values = {n: namespace[n] for n in ex.names}
    values |= {n: namespace[n] for n in ex.optional if not _is_placeholder(namespace.get(n, ...))}
    return _run_checker(ex, values)


def check(exercise_id: str, namespace: dict | None = None) -> None:
    """Print feedback on an exercise. Reads the names from the calling notebook by default.

    Never raises, whatever it is given (except KeyboardInterrupt, the learner's stop button).
    """
    try:
        if not isinstance(exercise_id, str):
            print(
                f"⚠️ check() needs the exercise id as text, for example "
                f'check("00-first-request"), not {type(exercise_id).__name__}.'
            )
            return
        if namespace is None:
            frame = inspect.currentframe()
            caller = frame.f_back if frame is not None else None
            namespace = dict(caller.f_globals) if caller is not None else {}
        try:
            result = evaluate(exercise_id, namespace)
        except KeyError as e:
            print(f"⚠️ {e.args[0]}", file=sys.stdout)
            return
        print(result)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # check promises never to raise
        print(_course_bug(e))
