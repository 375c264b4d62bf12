"""The reliability script's short run: load, starvation and memory, with their figures."""

from __future__ import annotations

import time

import pytest

from tests import reliability


@pytest.mark.slow
def test_reliability_quick_run(capsys):
    started = time.perf_counter()
    load, starvation, memory = (f.values for f in reliability.run(quick=True))
    elapsed = time.perf_counter() - started
    printed = capsys.readouterr().out
    assert printed.count("\n") == 3 and "load: requests=" in printed

    assert load["requests"] >= 1_000, "the load check hit its time budget early"
    assert load["errors"] == 0 and load["cross_talk"] == 0

    assert starvation["abandoned"] == 16
    assert starvation["fast_ok"] == 1 and starvation["fast_seconds"] < 1

    # an unbounded log keeps ~100 blocks per request; the ring keeps the count flat
    assert memory["kept_in_log"] <= 1_000 < memory["requests"]
    assert memory["measured_requests"] >= 300, "too few requests measured to judge growth"
    assert memory["blocks_per_request"] < 5, f"memory grows with every request: {memory}"
    assert elapsed < 45
