"""The curated published workforce figures (`data/workforce/workforce_published.csv`).

One published value a row, with its source URL, reference period and vintage (see
`data/workforce/README.md`). `load_published` checks every row; `select` picks rows without
mixing vintages silently; `trace_columns` keeps what traces a value to its row and source.
The `row` column is the line of the value in the file (the header is line 1).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.paths import DATA, relative
from ..core.timeline import PERIOD_FORMS, URL_PATTERN, parse_period
from .qualifiers import DERIVED, DERIVED_NOTE_PREFIX, derivation

PUBLISHED = DATA / "workforce" / "workforce_published.csv"

COLUMNS = (
    "series",
    "geography",
    "period",
    "measure",
    "value",
    "vintage",
    "qualifier",
    "source_title",
    "source_url",
    "note",
)
VINTAGES = ("current", "superseded_aug2021", "superseded_original", "not_applicable")
SUPERSEDED = tuple(vintage for vintage in VINTAGES if vintage.startswith("superseded_"))
MEASURES = (
    "fte",
    "headcount",
    "count",
    "per_1000_population",
    "per_10000_population",
    "per_100000_population",
    "ratio",
    "target",
    "percent",
    "fte_change",
    "headcount_change",
)
QUALIFIERS = ("", "about", "more than", "almost", "just over", "estimate", "derived")
# Series outside the GP Workforce (wMDS/NWRS) statistics have no vintage.
NO_VINTAGE_PREFIXES = ("pcn_", "hchs_", "oecd_", "ltwp_", "gpfv_", "ltp_", "arrs_")
SERIES_PATTERN = r"[a-z][a-z0-9_]*(?:-[0-9]{2})?[a-z0-9_]*"
GEOGRAPHY_PATTERN = r"[a-z][a-z0-9_]*"
# The columns that trace a shown value to its row and source (`trace_columns`): the file's
# columns but the free-text note, and the line of the row.
TRACE_COLUMNS = [column for column in COLUMNS if column != "note"] + ["row"]


def _fail(problem, path, line, column, value, allowed=None):
    raise InputError(problem, file=relative(path), line=line, column=column, value=value, allowed=allowed)


def _check_row(rec, path) -> tuple:
    """Validate one row of the curated file; return (period start, period end, kind, value)."""
    line = rec.row
    if not re.fullmatch(SERIES_PATTERN, rec.series):
        _fail("series must be a snake_case id", path, line, "series", rec.series, ["pattern " + SERIES_PATTERN])
    if not re.fullmatch(GEOGRAPHY_PATTERN, rec.geography):
        _fail(
            "geography must be snake_case",
            path,
            line,
            "geography",
            rec.geography,
            ["england, uk, oecd_average, ... (pattern " + GEOGRAPHY_PATTERN + ")"],
        )
    try:
        start, end, kind = parse_period(rec.period)
    except ValueError as exc:
        _fail(f"invalid period ({exc})", path, line, "period", rec.period, PERIOD_FORMS)
    if rec.measure not in MEASURES:
        _fail("unknown measure", path, line, "measure", rec.measure, MEASURES)
    try:
        value = float(rec.value)
    except ValueError:
        _fail("value must be a number", path, line, "value", rec.value, ["a number, e.g. 27519 or 2.6"])
    if not np.isfinite(value):
        _fail("value must be finite", path, line, "value", rec.value)
    if rec.vintage not in VINTAGES:
        _fail("unknown vintage", path, line, "vintage", rec.vintage, VINTAGES)
    if rec.series.startswith(NO_VINTAGE_PREFIXES) and rec.vintage != "not_applicable":
        _fail(
            "series outside the GP Workforce statistics have no vintage",
            path,
            line,
            "vintage",
            rec.vintage,
            ["not_applicable"],
        )
    if rec.qualifier not in QUALIFIERS:
        _fail("unknown qualifier", path, line, "qualifier", rec.qualifier, ["(empty)"] + list(QUALIFIERS[1:]))
    if rec.qualifier == DERIVED and not derivation(rec.note):
        _fail(
            "a derived value's note must say how it was computed",
            path,
            line,
            "note",
            rec.note,
            [f"'{DERIVED_NOTE_PREFIX} <how it was computed>[; other notes]'"],
        )
    if not re.fullmatch(URL_PATTERN, rec.source_url):
        _fail(
            "source_url must be an http(s) address",
            path,
            line,
            "source_url",
            rec.source_url,
            ["http://... or https://..."],
        )
    if not rec.source_title.strip():
        _fail("source_title is empty", path, line, "source_title", rec.source_title)
    return start, end, kind, value


def load_published(path=PUBLISHED) -> pd.DataFrame:
    """The curated published figures, validated, with parsed periods.

    Adds: `row` (line in the file), `value` as float, `period_start`, `period_end`
    (the reference date), `period_kind`, and `superseded` (True for superseded vintages).
    Raises InputError naming file, line, column, value and allowed values on the first bad cell
    (a `derived` row whose note does not start with "derived: <how it was computed>" included).
    """
    frame = read_csv(path, COLUMNS, what="published workforce figures")
    frame.insert(0, "row", [line_of(i) for i in range(len(frame))])
    checked = [_check_row(rec, path) for rec in frame.itertuples(index=False)]
    starts, ends, kinds, values = zip(*checked) if checked else ((), (), (), ())
    frame["value"] = list(values)
    frame["period_start"] = list(starts)
    frame["period_end"] = list(ends)
    frame["period_kind"] = list(kinds)
    frame["superseded"] = frame["vintage"].isin(SUPERSEDED)
    return frame


def select(
    frame: pd.DataFrame,
    series=None,
    *,
    geography=None,
    measure=None,
    period_from=None,
    period_to=None,
    include_superseded: bool = False,
) -> pd.DataFrame:
    """Rows of the given series (id, list of ids, or a prefix ending in '_*'), by reference date.

    Superseded vintages are dropped unless `include_superseded`; when kept, the
    `superseded` column marks them. `period_from`/`period_to` bound the reference date
    (inclusive). Sorted by series, reference date and row.
    """
    out = frame
    if series is not None:
        names = [series] if isinstance(series, str) else list(series)
        mask = pd.Series(False, index=out.index)
        for name in names:
            if name.endswith("*"):
                mask |= out["series"].str.startswith(name[:-1])
            else:
                mask |= out["series"] == name
        out = out[mask]
    for column, wanted in (("geography", geography), ("measure", measure)):
        if wanted is not None:
            wanted = [wanted] if isinstance(wanted, str) else list(wanted)
            out = out[out[column].isin(wanted)]
    if period_from is not None:
        out = out[out["period_end"] >= pd.Timestamp(period_from)]
    if period_to is not None:
        out = out[out["period_end"] <= pd.Timestamp(period_to)]
    if not include_superseded:
        out = out[~out["superseded"]]
    return out.sort_values(["series", "period_end", "row"]).reset_index(drop=True)


def trace_columns(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns that trace each shown value to its row and source."""
    return rows[TRACE_COLUMNS].reset_index(drop=True)
