"""Reading, cleaning and writing executed notebooks so that reruns are byte-identical."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

VOLATILE_CELL_KEYS = ("papermill", "execution")


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def code_sources(nb) -> list[str]:
    """The sources of the code cells that define a chapter's computation.

    Papermill's injected-parameters cell is left out: the parameters are hashed separately.
    """
    return [
        c.source for c in nb.cells if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
    ]


def strip_volatile(nb) -> nbformat.NotebookNode:
    """Remove what changes from run to run although nothing the notebook computes has.

    Papermill's timings, paths and environment (notebook and cell metadata) and the
    execution timestamps of each cell go; papermill's injected-parameters cell is kept off the
    reader's page (`remove-cell`); cell ids missing from old notebooks are made
    stable so that nbformat does not invent random ones.
    """
    nb.metadata.pop("papermill", None)
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]  # a run's parameters are not reader text
        if not cell.get("id"):
            cell["id"] = f"cell-{index}"
    return nb


def write_atomic(nb, path) -> None:
    """Write a notebook to a temporary file beside `path`, then replace `path` in one step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            nbformat.write(nb, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
