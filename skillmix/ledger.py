"""The claims ledger: every value glued into the book, with the cell that computed it.

myst-nb's `glue(name, value)` leaves a display output whose metadata carries
``{"scrapbook": {"name": name, "mime_prefix": ...}}``; with ``display=False`` the mime types
of its data are prefixed with ``application/papermill.record/``. This module reads the
executed chapter notebooks declared in `chapters.yml` and lists each glued value with its
chapter, key, plain-text value, and the index and first source line of its code cell, so a
reviewer can trace any number in the prose back to the code that produced it.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd

from . import params
from .errors import InputError
from .paths import ROOT, relative

COLUMNS = ("chapter", "notebook", "key", "value", "cell", "cell_first_line")
TEXT = "text/plain"


def _value(output: dict, prefix: str) -> str:
    """The glued value as plain text (markdown or HTML when no plain text was stored)."""
    data = output.get("data", {})
    for mime in (TEXT, "text/markdown", "text/html"):
        if prefix + mime in data:
            value = data[prefix + mime]
            return "".join(value) if isinstance(value, list) else str(value)
    return ""


def _first_line(source: str) -> str:
    for line in str(source).splitlines():
        if line.strip():
            return line.strip()
    return ""


def glued_values(notebook, chapter: str = "", label: str = "") -> pd.DataFrame:
    """The glued values of one notebook (a path or an nbformat node), in cell order.

    `cell` is the index of the cell among all the notebook's cells (0-based).
    """
    if not isinstance(notebook, nbformat.NotebookNode):
        path = Path(notebook)
        if not path.is_file():
            raise InputError("notebook not found", file=relative(path))
        label = label or relative(path)
        notebook = nbformat.read(str(path), as_version=4)
    rows = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if not scrap:
                continue
            rows.append({"chapter": chapter, "notebook": label, "key": scrap.get("name", ""),
                         "value": _value(output, scrap.get("mime_prefix", "")),
                         "cell": index, "cell_first_line": _first_line(cell.source)})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def ledger(root=ROOT, chapters: dict | None = None, skip=("claims_ledger",)) -> pd.DataFrame:
    """Every glued value of every executed chapter notebook declared in chapters.yml.

    `root` is the folder the notebook paths are relative to (the project root, or a run's
    copy of it). Chapters in `skip` (the ledger itself) are left out. A declared notebook
    that does not exist is an error: the ledger must cover the whole book.
    """
    chapters = params.chapters() if chapters is None else chapters
    frames = []
    for name, spec in chapters.items():
        if name in skip:
            continue
        path = Path(root) / spec.notebook
        if not path.is_file():
            raise InputError(f"chapter '{name}': executed notebook not found", file=spec.notebook)
        frames.append(glued_values(path, chapter=name, label=spec.notebook))
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(frames, ignore_index=True)


def duplicates(table: pd.DataFrame) -> pd.DataFrame:
    """Keys glued more than once within the same chapter (myst-nb keeps only the last)."""
    return table[table.duplicated(["chapter", "key"], keep=False)]


def summary(table: pd.DataFrame, chapters: dict | None = None, skip=("claims_ledger",)) -> pd.DataFrame:
    """Number of glued values per chapter, in book order (chapters with none included)."""
    chapters = params.chapters() if chapters is None else chapters
    names = [n for n in chapters if n not in skip]
    names += [n for n in table["chapter"].unique() if n not in names]
    counts = table.groupby("chapter").size()
    return pd.DataFrame({"chapter": names, "glued values": [int(counts.get(n, 0)) for n in names]})
