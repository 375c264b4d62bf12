"""Reliability checks: load, starvation and memory. 127.0.0.1 only, bounded in count and time.

    .venv/bin/python -m tests.reliability           # full run (20,000-request memory check)
    .venv/bin/python -m tests.reliability --quick   # what tests/test_reliability.py runs

* load: many requests from several threads to a loopback server; every answer must be the one
  asked for (no errors, no cross-talk);
* starvation: slow requests whose clients give up, then a fast request must be answered at once;
* memory: a runaway loop of in-process requests through the simulator must cost constant
  memory once its request log is full (the log keeps only the last ``LOG_SIZE`` calls).

Each check stops by itself: at its count or at its time budget, whichever comes first, and
prints its figures.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import time
import tracemalloc
from dataclasses import dataclass, field

import requests

from helpers.loopback import serve
from helpers.simulator import simulate, stop


@dataclass
class Figures:
    name: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = ", ".join(
            f"{k}={v:,.3f}" if isinstance(v, float) else f"{k}={v:,}"
            for k, v in self.values.items()
        )
        return f"{self.name}: {parts}"


def load(total: int = 2_000, threads: int = 8, budget: float = 20.0) -> Figures:
    """``total`` GETs of httpbin's /get?n=N from ``threads`` threads, each with its own
    Session; every echo must carry its own N."""
    lock = threading.Lock()
    counts = {"sent": 0, "errors": 0, "wrong": 0}
    deadline = time.monotonic() + budget

    def worker(base_url: str, offset: int) -> None:
        with requests.Session() as session:
            for n in range(offset, total, threads):
                if time.monotonic() > deadline:
                    return
                try:
                    r = session.get(f"{base_url}/get?n={n}", timeout=(2, 5))
                    error, wrong = not r.ok, r.ok and r.json()["args"].get("n") != str(n)
                except (requests.RequestException, ValueError, KeyError):
                    error, wrong = True, False
                with lock:
                    counts["sent"] += 1
                    counts["errors"] += error
                    counts["wrong"] += wrong

    started = time.perf_counter()
    with serve("httpbin.org") as base_url:
        pool = [threading.Thread(target=worker, args=(base_url, i)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(timeout=budget + 10)
    elapsed = time.perf_counter() - started
    return Figures(
        "load",
        {
            "requests": counts["sent"],
            "threads": threads,
            "errors": counts["errors"],
            "cross_talk": counts["wrong"],
            "seconds": elapsed,
            "per_second": counts["sent"] / elapsed,
        },
    )


def starvation(abandoned: int = 16, give_up_after: float = 0.2) -> Figures:
    """``abandoned`` clients ask for an 8 s answer and give up; then one fast request."""
    outcomes: list[str] = []

    def give_up(base_url: str) -> None:
        try:
            requests.get(f"{base_url}/slow?seconds=8", timeout=(1, give_up_after))
            outcomes.append("answered")
        except requests.exceptions.ReadTimeout:
            outcomes.append("gave up")
        except requests.RequestException:
            outcomes.append("error")

    with serve("api.example.com") as base_url:
        clients = [threading.Thread(target=give_up, args=(base_url,)) for _ in range(abandoned)]
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=5)
        started = time.perf_counter()
        try:
            fast_ok = requests.get(f"{base_url}/todos/1", timeout=(1, 5)).ok
        except requests.RequestException:
            fast_ok = False
        fast = time.perf_counter() - started
    return Figures(
        "starvation",
        {
            "abandoned": outcomes.count("gave up"),
            "fast_ok": int(fast_ok),
            "fast_seconds": fast,
        },
    )


def memory(total: int = 20_000, warmup: int = 1_200, budget: float = 300.0) -> Figures:
    """A runaway pagination loop in-process; memory measured after ``warmup`` requests (the
    request log full, caches warm) and again at the end. With ``tracemalloc`` on, each
    request costs about twice as much, so it is traced only when ``total`` is large."""
    if total <= warmup:
        raise ValueError(f"total ({total}) must be larger than warmup ({warmup})")
    traced = total >= 10_000
    sim = simulate(quiet=True)
    deadline = time.monotonic() + budget
    sent = 0
    try:
        with requests.Session() as session:
            if traced:
                tracemalloc.start()
            for sent in range(1, total + 1):
                page = sent % 20 + 1
                session.get(f"https://api.example.com/todos?page={page}", timeout=5)
                if sent == warmup:
                    gc.collect()
                    blocks_before = sys.getallocatedblocks()
                    bytes_before = tracemalloc.get_traced_memory()[0] if traced else 0
                if sent > warmup and time.monotonic() > deadline:
                    break
            gc.collect()
            blocks_after = sys.getallocatedblocks()
            bytes_after = tracemalloc.get_traced_memory()[0] if traced else 0
            count, logged = sim.request_count, len(sim.calls)
    finally:
        if traced:
            tracemalloc.stop()
        stop()
    measured = max(1, sent - warmup)
    values: dict[str, object] = {
        "requests": count,
        "kept_in_log": logged,
        "measured_requests": measured,
        "blocks_growth": blocks_after - blocks_before,
        "blocks_per_request": (blocks_after - blocks_before) / measured,
    }
    if traced:
        values["traced_bytes_growth"] = bytes_after - bytes_before
        values["traced_bytes_per_request"] = (bytes_after - bytes_before) / measured
    return Figures("memory", values)


def run(quick: bool = False) -> list[Figures]:
    """All three checks; ``quick`` keeps the whole run under about 30 s on a busy machine."""
    results = []
    for check in (
        lambda: load(2_000, 8, budget=15.0),
        lambda: starvation(16),
        lambda: memory(2_000, 1_200, budget=12.0) if quick else memory(),
    ):
        results.append(check())
        print(results[-1], flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the test suite's short run")
    run(quick=parser.parse_args(argv).quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
