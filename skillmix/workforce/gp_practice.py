"""The general-practice section: staff rows and ratios, from the curated file or from an
official practice-level CSV (the chapter's `gp_workforce_csv` parameter)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.chapter_spec import resolve_path
from ..core.formats import fmt_date, fmt_int
from ..core.paths import relative
from ..core.timeline import parse_period
from . import official_csv
from .gp_combinations import ratio_combinations
from .gp_ratio import RATIO, all_gp_ratios, label_ratios
from .published import select

# Rows computed from an official practice-level CSV; never found in the curated file.
PRACTICE_CSV_VINTAGE = "practice_csv"
# The GP-practice staff groups the chapter shows (series ids of the curated file).
GP_STAFF_SERIES = ("gp_fully_qualified_fte", "gp_permanent_fte", "gp_nurses_fte", "gp_dpc_fte", "gp_admin_fte")
CURATED_SOURCE = "the curated published figures (data/workforce/workforce_published.csv)"
OFFICIAL_URL = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/general-and-personal-medical-services"
)


@dataclass(frozen=True, eq=False)
class GPPractice:
    """What the general-practice section shows."""

    rows: pd.DataFrame  # GP-practice rows of the staff-mix figure
    vintage: str  # the vintage whose values the prose quotes
    source: str  # where the rows come from, as a phrase for the prose
    combos: pd.DataFrame  # `ratio_combinations` of the curated file (the table of combinations)
    shown: pd.DataFrame  # the combinations of the ratio figure, each with its kind

    @property
    def ratios(self) -> pd.DataFrame:
        """The ratios among `shown`: combinations whose parts share vintage and reference date."""
        return self.shown[self.shown["kind"] == RATIO].reset_index(drop=True)


def practice_rows(totals: dict, period: str, source_name: str) -> pd.DataFrame:
    """Curated-format rows from national sums of an official practice-level CSV.

    `totals` maps series id to FTE (from `official_csv.practice_totals`). The rows have
    vintage `practice_csv` and qualifier `derived`, and point at the official publication.
    """
    start, end, kind = parse_period(period)
    rows = []
    for i, (series, value) in enumerate(totals.items()):
        rows.append(
            {
                "row": -(i + 1),
                "series": series,
                "geography": "england",
                "period": period,
                "measure": "fte",
                "value": float(value),
                "vintage": PRACTICE_CSV_VINTAGE,
                "qualifier": "derived",
                "source_title": f"Sum of practice rows in {source_name}",
                "source_url": OFFICIAL_URL,
                "note": (
                    f"derived: sum of the practice rows of {source_name}; practice-level sums exclude "
                    "fully-estimated records; not the national total"
                ),
                "period_start": start,
                "period_end": end,
                "period_kind": kind,
                "superseded": False,
            }
        )
    return pd.DataFrame(rows)


def practice_csv_rows(path) -> tuple[pd.DataFrame, str]:
    """Curated-format rows from an official practice-level CSV, and a phrase naming it."""
    path = Path(path)
    practices = official_csv.load_practice_csv(path)
    period = official_csv.period_from_name(path)
    rows = practice_rows(official_csv.practice_totals(practices), period, path.name)
    source = (
        f"the practice-level CSV {relative(path)} ({fmt_int(len(practices))} practices, "
        f"reference date {fmt_date(period)}). Practice-level sums exclude fully-estimated records, "
        "so they do not reproduce the published national totals"
    )
    return rows, source


def gp_practice(
    published: pd.DataFrame, *, period_from, period_to, include_superseded: bool = False, practice_csv: str = ""
) -> GPPractice:
    """The rows and ratios of the general-practice section.

    With `practice_csv` (the chapter's `gp_workforce_csv`: a path relative to the project root
    unless absolute), the rows are the national sums of that official practice-level CSV and
    the figure shows their ratios. Otherwise the rows are the curated GP-practice series
    (England, FTE) dated `period_from` to `period_to`, and the figure shows the curated
    combinations of those dates (ratios and mixed combinations, each with its kind), leaving
    out superseded ratios unless `include_superseded`. `ratios` keeps the ratios only: the
    prose calls nothing else a ratio. The table of combinations always covers the whole
    curated file.
    """
    combos = ratio_combinations(published)
    if practice_csv:
        rows, source = practice_csv_rows(resolve_path(practice_csv))
        ratios = label_ratios(all_gp_ratios(rows, include_superseded=include_superseded))
        return GPPractice(rows, PRACTICE_CSV_VINTAGE, source, combos, ratios)
    rows = select(
        published,
        list(GP_STAFF_SERIES),
        geography="england",
        measure="fte",
        include_superseded=include_superseded,
        period_from=period_from,
        period_to=period_to,
    )
    in_window = (combos["period"] >= str(period_from)) & (combos["period"] <= str(period_to))
    keep = combos["kind"].ne(RATIO) | ~combos["superseded"] | include_superseded
    return GPPractice(rows, "current", CURATED_SOURCE, combos, combos[in_window & keep].reset_index(drop=True))
