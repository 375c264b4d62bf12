"""Live mode, rehearsed without internet: every notebook runs with ``COURSE_LIVE=1`` while loopback
copies of the services stand in for the real ones (see :mod:`helpers.rehearsal`).

Every exercise checker is
also run live against its reference solution, and must not send a request to the stand-ins.
"""

from __future__ import annotations

import pytest

from helpers import rehearsal as rehearsal_module
from helpers import simulator
from helpers.course.manifest import NOTEBOOKS as MANIFEST
from helpers.course.manifest import NOTEBOOKS_DIR
from helpers.exercises import all_exercises, evaluate, get
from helpers.hosts import DEMO_ENVIRONMENT, REHEARSAL_ENV_VAR
from helpers.rehearsal import Rehearsal, rehearse_notebook

NOTEBOOKS = [nb.path.stem for nb in MANIFEST]  # every notebook of the course


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_live_against_the_stand_ins(name):
    assert rehearse_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"), timeout=60) == []


# -- every checker, live: the reference solution passes, and checking touches no stand-in ---------


class CountingRehearsal(Rehearsal):
    """A fresh stand-in internet that counts the requests its loopback copies answer."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []

    def _app(self, record):
        app = super()._app(record)

        def counted(environ, start_response):
            self.hits.append(f"{record.host}{environ.get('PATH_INFO', '')}")
            return app(environ, start_response)

        return counted


@pytest.fixture(scope="module")
def stand_ins():
    internet = CountingRehearsal()
    yield internet
    internet.stop()


@pytest.fixture
def live_rehearsal(stand_ins, monkeypatch):
    monkeypatch.setattr(rehearsal_module, "_rehearsal", stand_ins)
    monkeypatch.setenv(REHEARSAL_ENV_VAR, "1")
    for name in DEMO_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    simulator.simulate(live=True, quiet=True)
    yield stand_ins
    simulator.stop()


@pytest.mark.parametrize("exercise_id", all_exercises())
def test_every_checker_accepts_its_reference_solution_live(exercise_id, live_rehearsal):
    path = get(exercise_id).solution_path
    namespace: dict = {"__name__": "__main__"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    assert simulator.current().live
    before = list(live_rehearsal.hits)
    result = evaluate(exercise_id, namespace)
    assert result.correct, str(result)
    assert live_rehearsal.hits == before, "a check must not touch the (stand-in) internet"
