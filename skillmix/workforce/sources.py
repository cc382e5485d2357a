"""The curated rows behind the chapter's figures and tables (its list of sources)."""

from __future__ import annotations

import re

import pandas as pd

from .published import trace_columns


def rows_used(published: pd.DataFrame, frames=(), references=()) -> pd.DataFrame:
    """The curated rows behind a chapter: every `row` of `frames`, and every row number cited
    in `references` (texts such as 'gp_dpc_fte=14993 (row 116)' or '437;438').

    Rows computed from a practice-level CSV (negative `row`) are not curated rows.
    """
    used = set()
    for frame in frames:
        used |= {int(r) for r in frame["row"] if int(r) > 0}
    for text in references:
        used |= {int(n) for n in re.findall(r"(?:row |^|;)(\d+)", str(text))}
    return trace_columns(published[published["row"].isin(used)].sort_values("row"))
