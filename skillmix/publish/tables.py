"""Tables as a reader sees them (escaped HTML) and as a download (CSV under `outputs/<chapter>/`)."""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from IPython.display import HTML

from ..core.artifacts import DATA_STATUS_COLUMN
from ..core.paths import OUTPUTS_ENV


def output_path(chapter: str) -> Path:
    """The chapter's output folder: `outputs/<chapter>/` relative to the notebook's working
    directory, or under the pipeline's staging folder while the pipeline runs the chapter."""
    return Path(os.environ.get(OUTPUTS_ENV, "outputs")) / chapter


def output_dir(chapter: str) -> Path:
    """`output_path(chapter)`, created if need be."""
    path = output_path(chapter)
    path.mkdir(parents=True, exist_ok=True)
    return path


def marked(data: pd.DataFrame, data_status: str | None) -> pd.DataFrame:
    """`data` with a last column `data_status` holding `data_status` on every row (e.g.
    "synthetic"); unchanged when `data_status` is None (real or published data carry no mark)."""
    if data_status is None:
        return data
    return data.drop(columns=DATA_STATUS_COLUMN, errors="ignore").assign(**{DATA_STATUS_COLUMN: data_status})


def save_csv(data: pd.DataFrame, chapter: str, name: str, data_status: str | None = None) -> str:
    """Write a DataFrame as CSV under the chapter's outputs, byte-stable across runs, with a
    `data_status` column when `data_status` is given.

    Every value round-trips exactly: floats are written as Python's shortest repr (no
    `float_format`, so 1348584.0 stays 1348584.0, not 1.34858e+06), integers as integers.
    Python's `float()` and pandas' `read_csv(..., float_precision="round_trip")` read back the
    same float64 values.
    """
    path = output_dir(chapter) / f"{name}.csv"
    marked(data, data_status).to_csv(path, index=False, lineterminator="\n")
    return path.as_posix()


def _index_is_meaningful(index: pd.Index) -> bool:
    """False for row numbers: a RangeIndex, or an unnamed integer index (the row numbers left
    by filtering or sorting); True for a named index or one of labels (text, dates, ...)."""
    if isinstance(index, pd.RangeIndex):
        return False
    if any(name is not None for name in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def _link(url: str) -> str:
    """An address as a short link labelled with its host; empty when there is none."""
    if not url:
        return ""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(urlsplit(url).netloc)}</a>'


def html_table(frame: pd.DataFrame, link_column: str | None = None) -> HTML:
    """`frame` as a plain HTML table: column headers, no row-number column, every text escaped
    (a quote containing `<script>` shows as text), empty cells for missing values, and floats
    formatted as pandas displays them. With `link_column`, that column's URLs become links.

    A meaningful index (named, or of labels: see `_index_is_meaningful`) is kept as the first
    column(s); row numbers are dropped. The HTML is the same for the same frame (no random ids),
    and every row and the whole of every text is shown (no truncation with '...').
    """
    if _index_is_meaningful(frame.index):
        frame = frame.reset_index()
    if link_column is None:
        return HTML(frame.to_html(index=False, escape=True, border=0, na_rep=""))
    cells = frame.astype(str).map(html.escape)
    cells[link_column] = frame[link_column].map(_link)
    return HTML(cells.to_html(index=False, escape=False, border=0, classes="table table-sm evidence-table"))
