"""Shared fixtures. Nothing here touches the internet: the simulator is on for every test that
asks for ``sim``, and a test that needs a socket uses 127.0.0.1 only."""

from __future__ import annotations

import os

import pytest

from helpers import simulator
from helpers.hosts import DEMO_ENVIRONMENT

# What a test may change in the process environment and must leave as it found it: notebook
# kernels started later in the same run (nbval, the rerun and rehearsal tests) inherit it, and a
# leftover key would change what every setup cell prints.
COURSE_VARIABLES = (*DEMO_ENVIRONMENT, "COURSE_LIVE", "COURSE_LIVE_REHEARSAL", "NETRC")


@pytest.fixture(autouse=True)
def _course_environment_restored():
    before = {name: os.environ.get(name) for name in COURSE_VARIABLES}
    running = simulator._current  # a module-scoped fixture's simulation stays up
    yield
    if simulator._current is not running:
        simulator.stop()
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def sim():
    """A fresh offline simulation, stopped after the test."""
    running = simulator.simulate(live=False, quiet=True)
    yield running
    simulator.stop()
