"""Re-execute notebooks in place, so stored outputs are always produced by running them."""

from __future__ import annotations

import os
import time

import nbformat
from nbclient import NotebookClient

from helpers.course.manifest import NOTEBOOKS_DIR, Notebook
from helpers.hosts import LIVE_ENV_VAR

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "file_extension": ".py", "mimetype": "text/x-python"}


def normalise_metadata(notebook: nbformat.NotebookNode) -> None:
    """Same kernelspec everywhere; no Python patch version or timings that change per machine."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata["language_info"] = dict(LANGUAGE_INFO)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)


def merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks into one output, as nbval compares them.

    The kernel flushes printed text in chunks whose boundaries depend on timing, so without
    this, re-running a notebook changes its file even when nothing visible changed.
    """
    merged: list = []
    for out in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and out.output_type == "stream"
            and previous.output_type == "stream"
            and previous.name == out.name
        ):
            previous.text += out.text
        else:
            merged.append(out)
    return merged


def execute(nb: Notebook, timeout: int = 120) -> float:
    """Run ``nb`` top to bottom in a fresh kernel, offline, and save it. Returns seconds taken."""
    if os.environ.get(LIVE_ENV_VAR):
        raise SystemExit(
            f"Unset {LIVE_ENV_VAR} first: committed outputs must come from offline runs."
        )
    notebook = nbformat.read(nb.path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        record_timing=False,
    )
    started = time.perf_counter()
    client.execute()
    normalise_metadata(notebook)
    nbformat.write(notebook, nb.path)
    return time.perf_counter() - started
