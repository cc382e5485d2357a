"""The survey chapter's published item estimates (`outputs/survey/item_estimates.csv`): the
fixed interface between the survey chapter, which writes the file, and the lessons chapter,
which reads it (the lessons read the published file, never the survey code)."""

from __future__ import annotations

from pathlib import Path

CHAPTER = "survey"  # the chapter (in chapters.yml) that publishes the file
ITEM_ESTIMATES = "item_estimates"  # the table's name: its CSV is <outputs>/survey/item_estimates.csv

# Its columns, in order: one row per item x role x reported wave x weighting option.
COLUMNS = (
    "item",
    "theme",
    "role",
    "wave",
    "weighted",
    "n",
    "pct_agree",
    "ci_low",
    "ci_high",
    "suppressed",
    "synthetic",
)
BOOLEAN_COLUMNS = ("weighted", "suppressed", "synthetic")


def item_estimates_file(outputs: Path) -> Path:
    """The item estimates CSV under a book's `outputs` folder."""
    return Path(outputs) / CHAPTER / f"{ITEM_ESTIMATES}.csv"
