"""Every exercise checker against its reference solution (must pass), against each wrong answer
in tests/exercise_answers/ (must fail, for the reason its ``# expect: <phrase>`` line names),
against alternative right answers (must pass), and unattempted (must say so without raising)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import simulator
from helpers.exercises import Result, Wrong, all_exercises, check, evaluate, exercise, get

ANSWERS = Path(__file__).parent / "exercise_answers"
EXERCISES = all_exercises()


def run_answer(path: Path, exercise_id: str) -> Result:
    """Run an answer file the way a learner runs the exercise cell, then the checker."""
    simulator.simulate(live=False, quiet=True)
    try:
        namespace: dict = {"__name__": "__main__"}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
        return evaluate(exercise_id, namespace)
    finally:
        simulator.stop()


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_solution_passes(exercise_id):
    path = get(exercise_id).solution_path
    assert path.exists(), f"missing reference solution {path}"
    result = run_answer(path, exercise_id)
    assert result.correct, str(result)


def expected_phrase(path: Path) -> str | None:
    """The phrase a wrong answer's message must contain: its ``# expect: ...`` line."""
    found = re.search(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1).strip() if found else None


WRONG = sorted(ANSWERS.glob("*.wrong*.py"))
RIGHT = sorted(ANSWERS.glob("*.right*.py"))


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_exercise_has_three_distinct_wrong_answers_and_two_right(exercise_id):
    wrong = [p for p in WRONG if p.name.startswith(f"{exercise_id}.wrong")]
    phrases = {expected_phrase(p) for p in wrong}
    assert None not in phrases, f"give every {exercise_id}.wrong*.py an `# expect: ` line"
    assert len(phrases) >= 3, f"{exercise_id}: three wrong answers failing for different reasons"
    right = [p for p in RIGHT if p.name.startswith(f"{exercise_id}.right")]
    assert len(right) >= 2, f"{exercise_id}: add two unusual right answers"


@pytest.mark.parametrize("path", WRONG, ids=[p.name for p in WRONG])
def test_wrong_answer_fails_for_its_reason(path):
    exercise_id = path.name.split(".wrong")[0]
    result = run_answer(path, exercise_id)
    assert result.status == "wrong", f"{path.name}: {result}"
    assert result.message and result.hint, "a wrong answer gets a reason and a hint"
    phrase = expected_phrase(path)
    assert phrase and phrase.lower() in result.message.lower(), f"{path.name}: {result}"
    assert "bug in the course" not in result.message, f"{path.name}: {result}"


@pytest.mark.parametrize("path", RIGHT, ids=[p.name for p in RIGHT])
def test_alternative_right_answers_pass(path):
    exercise_id = path.name.split(".right")[0]
    result = run_answer(path, exercise_id)
    assert result.correct, f"{path.name}: {result}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_unattempted_exercise_says_so_without_raising(exercise_id, sim):
    names = get(exercise_id).names
    result = evaluate(exercise_id, dict.fromkeys(names, ...))
    assert result.status == "not-attempted", str(result)
    assert str(result).startswith("⏳ Not attempted yet")


def test_check_reads_the_callers_namespace_and_prints(capsys):
    @exercise("99-demo", "answer")
    def _check(answer):
        if answer != 42:
            raise Wrong(f"{answer} is not the answer.", "think of a famous number")
        return "well done."

    answer = 41  # noqa: F841 (read by check through the caller's globals)
    check("99-demo", {"answer": 41})
    check("99-demo", {"answer": 42})
    check("99-demo", {})
    check("99-nope", {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "❌ Not yet: 41 is not the answer."
    assert out[1] == "💡 Hint: think of a famous number"
    assert out[2] == "✅ Correct! well done."
    assert out[3].startswith("⏳ Not attempted yet: define `answer`")
    assert "no exercise called '99-nope'" in out[4]


def test_a_crash_in_learner_code_is_reported_not_raised():
    @exercise("99-crash", "f")
    def _check(f):
        return f()

    def broken():
        raise KeyError("login")

    result = evaluate("99-crash", {"f": broken})
    assert result.status == "wrong" and "KeyError" in result.message
