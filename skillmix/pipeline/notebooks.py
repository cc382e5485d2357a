"""Reading, cleaning and writing executed notebooks so that reruns are byte-identical."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

VOLATILE_CELL_KEYS = ("papermill", "execution")


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def cell_sources(nb) -> list[str]:
    """The kind, tags and source of every cell: what a chapter computes and what its page says
    (a changed sentence can change what the claims ledger counts, and a changed tag what a
    reader sees).

    Papermill's injected-parameters cell is left out: the parameters are hashed separately.
    """
    return [
        f"{c.cell_type}\0{','.join(c.metadata.get('tags', []))}\0{c.source}"
        for c in nb.cells
        if "injected-parameters" not in c.metadata.get("tags", [])
    ]


def strip_volatile(nb) -> nbformat.NotebookNode:
    """Remove what changes from run to run although nothing the notebook computes has.

    Papermill's timings, paths and environment (notebook and cell metadata) and the
    execution timestamps of each cell go; papermill's injected-parameters cell is kept off the
    reader's page (`remove-cell`) and given a fixed id; cell ids missing from old notebooks are made
    stable so that nbformat does not invent random ones.
    """
    nb.metadata.pop("papermill", None)
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill gives it a random id on every run
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]  # a run's parameters are not reader text
        if not cell.get("id"):
            cell["id"] = f"cell-{index}"
    return nb


def show_parameters(nb, given: dict, shown: dict) -> nbformat.NotebookNode:
    """Write papermill's injected-parameters cell with the values as a run shows them
    (`chapter_spec.shown`: a file outside the project by its name alone) instead of the values
    the kernel was given, so that an executed notebook never records a machine's absolute path."""
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            for name, value in given.items():
                if isinstance(value, str) and value and shown.get(name) != value:
                    cell.source = cell.source.replace(value, str(shown[name]))
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
