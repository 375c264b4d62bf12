"""Live mode, rehearsed without internet: notebooks run with ``COURSE_LIVE=1`` while loopback
copies of the services stand in for the real ones (see :mod:`helpers.rehearsal`).

Add a notebook to the rehearsal by adding its name to ``NOTEBOOKS``.
"""

from __future__ import annotations

import pytest

from helpers.course.manifest import NOTEBOOKS_DIR
from helpers.rehearsal import rehearse_notebook

NOTEBOOKS = [
    "00-start-here",
    "01-anatomy-of-a-request",
]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_live_against_the_stand_ins(name):
    assert rehearse_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"), timeout=60) == []
