"""Run All twice in one kernel gives the same outputs: the setup cell resets every simulated
service (todo ids, rate-limit counters, the call log), so nothing leaks from the first run."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.course.manifest import NOTEBOOKS_DIR

IGNORED = {"nbval-ignore-output", "nbval-skip"}


def outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Each code cell's text output, stream chunks joined as nbval joins them (cells whose
    outputs may vary are left out)."""
    result = []
    for cell in nb.cells:
        if cell.cell_type != "code" or IGNORED & set(cell.metadata.get("tags", [])):
            continue
        texts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                texts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                texts.append(out.data.get("text/plain", ""))
            elif out.output_type == "error":
                texts.append(f"{out.ename}: {out.evalue}")
        result.append("".join(texts))
    return result


@pytest.mark.slow
@pytest.mark.parametrize("name", ["03-sending-data.ipynb", "08-pagination.ipynb"])
def test_run_all_twice_in_one_kernel_gives_the_same_outputs(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
    )
    with client.setup_kernel():
        first = outputs(copy.deepcopy(client.execute(cleanup_kc=False)))
        second = outputs(client.execute(cleanup_kc=False))
    assert first == second
