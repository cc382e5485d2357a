"""Helpers for putting computed values and tables into a chapter's prose."""
from __future__ import annotations

import pandas as pd
from IPython.display import HTML
from myst_nb import glue


def glue_all(mapping) -> None:
    """Glue every value of `mapping` under its key, without displaying it (display=False),
    so that markdown cells can paste it with {glue:text}`key` or {glue:md}`key`."""
    for key, value in mapping.items():
        glue(key, value, display=False)


def _index_is_meaningful(index: pd.Index) -> bool:
    """False for row numbers: a RangeIndex, or an unnamed integer index (the row numbers left
    by filtering or sorting); True for a named index or one of labels (text, dates, ...)."""
    if isinstance(index, pd.RangeIndex):
        return False
    if any(name is not None for name in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def table(frame: pd.DataFrame) -> HTML:
    """`frame` as a plain HTML table for display as a cell's last value: column headers, no
    row-number column, every text escaped (a quote containing `<script>` shows as text), empty
    cells for missing values, and floats formatted as pandas displays them.

    A meaningful index (named, or of labels: see `_index_is_meaningful`) is kept as the first
    column(s); row numbers are dropped. The HTML is the same for the same frame (no random ids),
    and every row and the whole of every text is shown (no truncation with '...').
    """
    if _index_is_meaningful(frame.index):
        frame = frame.reset_index()
    return HTML(frame.to_html(index=False, escape=True, border=0, na_rep=""))
