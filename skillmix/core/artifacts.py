"""What a chapter hands to the publishing layer: tables, figures and values to glue
(numbers, plain text, or `MarkdownText`).

A chapter façade builds these objects and never writes a file; `skillmix.publish` decides
how and where each one is written and shown.

Each object can carry a data status: `SYNTHETIC` when it was built from made-up data (the
survey chapter's default responses, and anything computed from them). The status travels
with the data: the publishing layer adds a `data_status` column to the CSV of a marked table
or figure, stamps "Synthetic data" inside a marked figure's image, and lists marked glued
values in `outputs/<chapter>/data_status.csv` (`DATA_STATUS_FILE`), which the claims ledger
reads. Objects without a status (None: real or published data) carry no mark at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

SYNTHETIC = "synthetic"  # the data status of anything built from synthetic data
DATA_STATUS_COLUMN = "data_status"  # the column a marked CSV carries
DATA_STATUS_FILE = "data_status.csv"  # per chapter output folder: key,data_status of marked glued values
DATA_STATUS_FILE_COLUMNS = ("key", DATA_STATUS_COLUMN)
SYNTHETIC_STAMP = "Synthetic data"  # the text stamped inside a synthetic figure's image


def data_status_file(outputs: Path, chapter: str) -> Path:
    """Where a chapter's publisher lists its marked glued values, under a book's `outputs` folder."""
    return Path(outputs) / chapter / DATA_STATUS_FILE


class MarkdownText(str):
    """Text to be glued as markdown (pasted with {glue:md}), not as plain text."""


class Values(dict):
    """Values to glue (key -> value), with the data status of the keys that have one.

    `Values(mapping, data_status=SYNTHETIC)` marks every key; `only=[...]` marks just those
    keys (the others come from no data, e.g. settings or code-book counts). With
    `data_status=None` nothing is marked and it behaves like the plain dict.
    """

    def __init__(self, mapping=(), data_status: str | None = None, only=None):
        super().__init__(mapping)
        marked = self.keys() if only is None else [k for k in only if k in self]
        self.data_status: dict[str, str] = {k: data_status for k in marked} if data_status else {}


@dataclass(frozen=True)
class Table:
    """A table for a reader.

    `frame` is what the page shows. `name`, if given, is the file name (without `.csv`) of
    the download under the chapter's outputs; `data` is what that CSV holds when it differs
    from `frame` (by default, `frame` itself). `link_column` names a column of URLs shown as
    links. `data_status` (e.g. `SYNTHETIC`) marks the download; None leaves it unmarked.

    A table the page shows also needs `caption` (what it shows, one sentence; the publisher
    puts "Table 2.3:" before it) and `source` (where its figures come from, for the line
    under it). `formats` maps a column to how its cells are shown (`publish.cells.FORMATS`:
    "count", "decimal:1", "percent:1", "date", "code", "link", "cite", ...; numbers otherwise
    get a format from their values); `codes` maps a column to the `core.labels` vocabulary
    whose labels replace its codes (columns named in `labels.COLUMN_VOCABULARIES` need none).
    With `collapse` (the default) a table of more than 15 rows shows its first 10 and puts
    the rest in a "show all rows" fold; False shows every row (a table an appendix is for).
    `cards` shows each row as a card (every cell under its header) at every width, for a
    table of long texts in many columns (a glossary); otherwise only narrow screens do so.
    """

    frame: pd.DataFrame
    name: str | None = None
    data: pd.DataFrame | None = None
    link_column: str | None = None
    data_status: str | None = None
    caption: str = ""
    source: str = ""
    formats: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)
    collapse: bool = True
    cards: bool = False

    @property
    def download(self) -> pd.DataFrame:
        return self.frame if self.data is None else self.data


@dataclass(frozen=True)
class Figure:
    """A drawn figure (matplotlib) and the data behind it, saved together under `name`.
    `data_status` (e.g. `SYNTHETIC`) marks the image and its CSV; None leaves them unmarked."""

    figure: Any
    data: pd.DataFrame
    name: str
    data_status: str | None = None


def with_status(artifact, data_status: str | None):
    """The same Table or Figure with `data_status` set (None: unmarked)."""
    return replace(artifact, data_status=data_status)
