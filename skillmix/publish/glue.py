"""Computed values put into a chapter's prose with myst-nb `glue`, and the record of which of
them come from synthetic data (`outputs/<chapter>/data_status.csv`, read by the claims ledger)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Markdown
from myst_nb import glue

from ..core.artifacts import DATA_STATUS_FILE_COLUMNS, MarkdownText


def glue_all(mapping) -> None:
    """Glue every value of `mapping` under its key, without displaying it (display=False),
    so that markdown cells can paste it with {glue:text}`key` or {glue:md}`key`
    (`MarkdownText` values are glued as markdown)."""
    for key, value in mapping.items():
        glue(key, Markdown(value) if isinstance(value, MarkdownText) else value, display=False)


def statuses(mapping, data_status: str | None = None) -> dict[str, str | None]:
    """The data status of each key of `mapping`: `data_status` for every key when given, else
    what a `core.artifacts.Values` mapping carries; None for an unmarked key."""
    if data_status is not None:
        return dict.fromkeys(mapping, data_status)
    carried = getattr(mapping, "data_status", {}) or {}
    return {key: carried.get(key) for key in mapping}


def write_statuses(path: Path, marked: dict[str, str]) -> None:
    """Write the marked keys (key -> status, in glue order) as `key,data_status`; remove the
    file when nothing is marked, so a run on real data leaves none behind."""
    if not marked:
        Path(path).unlink(missing_ok=True)
        return
    frame = pd.DataFrame(list(marked.items()), columns=list(DATA_STATUS_FILE_COLUMNS))
    frame.to_csv(path, index=False, lineterminator="\n")
