"""The curated rows behind the chapter's figures and tables (its list of sources), and the
dated policy events of the role timeline that the chapter cites."""

from __future__ import annotations

import re

import pandas as pd

from ..core.timeline import load_timeline
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


def policy_events(roles=("arrs", "policy"), since: str = "", timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events of the role timeline (`core.timeline.load_timeline`) for `roles`, dated `since`
    (a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' prefix) or later, in date order; `date` is the
    event's date, or its year where the timeline gives no date."""
    events = load_timeline() if timeline is None else timeline
    events = events[events["role"].isin(list(roles))].copy()
    events["date"] = [d or str(y) for d, y in zip(events["date"], events["year"], strict=True)]
    events = events[events["date"] >= since] if since else events
    return events.sort_values(["date", "row"], kind="stable").reset_index(drop=True)
