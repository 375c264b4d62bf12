"""Shared fixtures. Nothing here touches the internet: the simulator is on for every test that
asks for ``sim``, and a test that needs a socket uses 127.0.0.1 only."""

from __future__ import annotations

import pytest

from helpers import simulator


@pytest.fixture
def sim():
    """A fresh offline simulation, stopped after the test."""
    running = simulator.simulate(live=False, quiet=True)
    yield running
    simulator.stop()
