"""The claims ledger: every value glued into the book, with the cell that computed it.

myst-nb's `glue(name, value)` leaves a display output whose metadata carries
``{"scrapbook": {"name": name, "mime_prefix": ...}}``; with ``display=False`` the mime types
of its data are prefixed with ``application/papermill.record/``. This module reads the
executed chapter notebooks declared in `chapters.yml` and lists each glued value with its
chapter, key, plain-text value, and the index and first source line (not an import) of its
code cell, so a reviewer can trace any number in the prose back to the code that produced it.

The `data` column says whether a value comes from synthetic data: the publishing layer lists
a chapter's values built from synthetic data in `outputs/<chapter>/data_status.csv` (beside
the notebook; see `core.artifacts`), and every key listed there is shown as "synthetic";
every other value as "not synthetic".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pandas as pd

from ..core import chapter_spec
from ..core.artifacts import DATA_STATUS_FILE_COLUMNS, data_status_file
from ..core.csv_input import read_csv
from ..core.errors import InputError
from ..core.paths import ROOT, relative

COLUMNS = ("chapter", "notebook", "key", "value", "data", "cell", "cell_first_line", "uses_in_text")
NOT_MARKED = "not synthetic"  # the `data` of a value its chapter did not mark
TEXT = "text/plain"
# {glue}`key`, {glue:text}`key:.1%`, {glue:md}`key` and the ```{glue:figure} key``` directives.
_ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`:]+)(?::[^`]*)?`")
_DIRECTIVE = re.compile(r"^[`:]{3,}\{glue(?::[a-z]+)?\}\s+(\S+)", re.MULTILINE)


def _value(output: dict, prefix: str) -> str:
    """The glued value as text: its markdown where it has one (a plain-text repr of a
    Markdown object says nothing), else its plain text, else its HTML."""
    data = output.get("data", {})
    for mime in ("text/markdown", TEXT, "text/html"):
        if prefix + mime in data:
            value = data[prefix + mime]
            value = "".join(value) if isinstance(value, list) else str(value)
            return _unquoted(value) if mime == TEXT else value
    return ""


def _unquoted(text: str) -> str:
    """A glued string's plain-text repr is quoted ('482'); the ledger shows what the reader sees."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _first_line(source: str) -> str:
    """The first non-blank line of a cell's source that is not an import, stripped (the
    imports of a chapter's set-up cell say nothing about the value)."""
    lines = [line.strip() for line in str(source).splitlines() if line.strip()]
    code = [line for line in lines if not re.match(r"(from\s+\S+\s+)?import\s", line)]
    return (code or lines or [""])[0]


def text_references(notebook) -> dict[str, int]:
    """How often each glue key is pasted in the notebook's markdown cells."""
    counts: dict[str, int] = {}
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for key in _ROLE.findall(cell.source) + _DIRECTIVE.findall(cell.source):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _read(notebook, label):
    """An nbformat node and its label, from a node or a path (a missing file is an InputError)."""
    if isinstance(notebook, nbformat.NotebookNode):
        return notebook, label
    path = Path(notebook)
    if not path.is_file():
        raise InputError("notebook not found", file=relative(path))
    return nbformat.read(str(path), as_version=4), label or relative(path)


def unresolved(notebook, chapter: str = "", label: str = "") -> pd.DataFrame:
    """Keys pasted in markdown that no code cell of the same notebook glues."""
    notebook, label = _read(notebook, label)
    glued = set(glued_values(notebook)["key"])
    missing = sorted(k for k in text_references(notebook) if k not in glued)
    return pd.DataFrame({"chapter": chapter, "notebook": label, "key": missing}, columns=["chapter", "notebook", "key"])


def data_statuses(path) -> dict[str, str]:
    """Key -> data status from a chapter's `data_status.csv`; empty when the file is absent
    (the chapter marked no value)."""
    if not Path(path).is_file():
        return {}
    frame = read_csv(path, DATA_STATUS_FILE_COLUMNS, what="data status file")
    return dict(zip(frame["key"], frame["data_status"], strict=True))


def chapter_statuses(root, name: str, spec) -> dict[str, str]:
    """The marked glued values of chapter `name`: its publisher writes them under the
    `outputs` folder beside its notebook."""
    return data_statuses(data_status_file((Path(root) / spec.notebook).parent / "outputs", name))


def glued_values(notebook, chapter: str = "", label: str = "", statuses: dict | None = None) -> pd.DataFrame:
    """The glued values of one notebook (a path or an nbformat node), in cell order.

    `data` is the key's status in `statuses` (key -> e.g. "synthetic"), else "not synthetic";
    `cell` is the index of the cell among all the notebook's cells (0-based);
    `uses_in_text` is how often the key is pasted into the notebook's markdown.
    """
    statuses = statuses or {}
    notebook, label = _read(notebook, label)
    uses = text_references(notebook)
    rows = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if not scrap:
                continue
            rows.append(
                {
                    "chapter": chapter,
                    "notebook": label,
                    "key": scrap.get("name", ""),
                    "value": _value(output, scrap.get("mime_prefix", "")),
                    "data": statuses.get(scrap.get("name", ""), NOT_MARKED),
                    "cell": index,
                    "cell_first_line": _first_line(cell.source),
                    "uses_in_text": uses.get(scrap.get("name", ""), 0),
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def ledger(root=ROOT, chapters: dict | None = None, skip=("claims_ledger",)) -> pd.DataFrame:
    """Every glued value of every executed chapter notebook declared in chapters.yml.

    `root` is the folder the notebook paths are relative to (the project root, or a run's
    copy of it). Chapters in `skip` (the ledger itself) are left out. A declared notebook
    that does not exist is an error: the ledger must cover the whole book.
    """
    chapters = chapter_spec.chapters() if chapters is None else chapters
    frames = []
    for name, spec in chapters.items():
        if name in skip:
            continue
        path = Path(root) / spec.notebook
        if not path.is_file():
            raise InputError(f"chapter '{name}': executed notebook not found", file=spec.notebook)
        frames.append(
            glued_values(path, chapter=name, label=spec.notebook, statuses=chapter_statuses(root, name, spec))
        )
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(frames, ignore_index=True)


def book_unresolved(root=ROOT, chapters: dict | None = None, skip=("claims_ledger",)) -> pd.DataFrame:
    """Keys pasted in any chapter's markdown without a glued value in that chapter."""
    chapters = chapter_spec.chapters() if chapters is None else chapters
    frames = [
        unresolved(Path(root) / spec.notebook, chapter=name, label=spec.notebook)
        for name, spec in chapters.items()
        if name not in skip
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["chapter", "notebook", "key"])


def duplicates(table: pd.DataFrame) -> pd.DataFrame:
    """Keys glued more than once within the same chapter (myst-nb keeps only the last)."""
    return table[table.duplicated(["chapter", "key"], keep=False)]


def summary(table: pd.DataFrame, chapters: dict | None = None, skip=("claims_ledger",)) -> pd.DataFrame:
    """Number of glued values per chapter, in book order (chapters with none included)."""
    chapters = chapter_spec.chapters() if chapters is None else chapters
    names = [n for n in chapters if n not in skip]
    names += [n for n in table["chapter"].unique() if n not in names]
    counts = table.groupby("chapter").size()
    return pd.DataFrame({"chapter": names, "glued values": [int(counts.get(n, 0)) for n in names]})
