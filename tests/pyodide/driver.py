"""Run a notebook's code cells in IPython inside Pyodide and collect their outputs.

Loaded by ``run_notebooks.mjs`` into Pyodide (it also runs on CPython, which is how its own test
checks it). Each code cell goes through IPython's ``run_cell``, as in a Jupyter kernel, and its
outputs are collected as nbformat output dicts: ``stream`` (stdout, stderr), ``execute_result``
and ``display_data`` (every MIME type IPython's formatters produce), ``error`` (ename, evalue and
the traceback lines IPython would show, one line for exceptions with ``_render_traceback_``).
A cell that raises does not stop the run (every cell is reported), unlike "Run All".
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

Output = dict[str, Any]


class _Collector:
    def __init__(self) -> None:
        self.outputs: list[Output] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})


class _Stream:
    """sys.stdout / sys.stderr for one cell."""

    def __init__(self, collector: _Collector, name: str) -> None:
        self._collector = collector
        self.name = name
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        self._collector.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    collector: _Collector

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):  # type: ignore[no-untyped-def,override]
        self.collector.outputs.append(
            {"output_type": "display_data", "data": dict(data), "metadata": metadata or {}}
        )

    def clear_output(self, wait: bool = False) -> None:
        self.collector.outputs.clear()


class _Hook(DisplayHook):
    collector: _Collector

    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:  # type: ignore[no-untyped-def]
        self.collector.outputs.append(
            {
                "output_type": "execute_result",
                "data": dict(format_dict),
                "metadata": md_dict or {},
                "execution_count": self.prompt_count,
            }
        )


class Kernel:
    """One IPython shell (one kernel); :meth:`run` executes a cell and returns its outputs."""

    def __init__(self) -> None:
        self.collector = _Collector()
        self.shell = InteractiveShell.instance(colors="nocolor")
        self.shell.display_pub = _Publisher(shell=self.shell)
        self.shell.display_pub.collector = self.collector
        hook = _Hook(shell=self.shell, cache_size=1000)
        hook.collector = self.collector
        self.shell.displayhook = hook
        self.shell.display_trap.hook = hook  # the trap swaps sys.displayhook during run_cell
        self.shell._showtraceback = self._showtraceback  # type: ignore[method-assign]

    def _showtraceback(self, etype, evalue, stb) -> None:  # type: ignore[no-untyped-def]
        self.collector.outputs.append(
            {
                "output_type": "error",
                "ename": getattr(etype, "__name__", str(etype)),
                "evalue": str(evalue),
                "traceback": list(stb),
            }
        )

    def run(self, source: str) -> tuple[list[Output], float]:
        self.collector.outputs = []
        saved = sys.stdout, sys.stderr
        sys.stdout = _Stream(self.collector, "stdout")  # type: ignore[assignment]
        sys.stderr = _Stream(self.collector, "stderr")  # type: ignore[assignment]
        started = time.perf_counter()
        try:
            self.shell.run_cell(source, store_history=True)
        finally:
            sys.stdout, sys.stderr = saved
        return self.collector.outputs, time.perf_counter() - started


def run_notebook(path: str, skip: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """Run every code cell of the notebook at ``path`` (from its own folder) in a fresh shell
    (the runner gives each notebook a fresh Pyodide, so a fresh kernel).

    ``skip``: cell indexes not to run (reported with ``"skipped": true``).
    """
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    here = os.getcwd()
    os.chdir(os.path.dirname(os.path.abspath(path)))
    InteractiveShell.clear_instance()
    kernel = Kernel()
    results = []
    try:
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            if index in skip:
                results.append({"index": index, "skipped": True, "outputs": [], "seconds": 0.0})
                continue
            source = "".join(cell["source"])
            outputs, seconds = kernel.run(source)
            results.append({"index": index, "outputs": outputs, "seconds": round(seconds, 3)})
    finally:
        os.chdir(here)
    return results


def run_to_json(path: str, skip: list[int] | None = None) -> str:
    """:func:`run_notebook` as a JSON string (what the Node runner writes out)."""
    return json.dumps(run_notebook(path, frozenset(skip or ())), ensure_ascii=False)
