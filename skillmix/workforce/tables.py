"""The workforce chapter's tables as a reader sees them: one row per thing a reader looks up,
columns named as `core.labels` names them, each value with its date and qualifier where the
figure is a quoted one. The publishing layer formats the numbers; the downloads keep every
column of the data."""

from __future__ import annotations

import pandas as pd

from ..core.formats import fmt_date, fmt_int
from ..core.labels import GEOGRAPHY_LABELS, series_label

# Qualifiers said before a number ("about 37,000"); the others follow it ("4,353, derived").
BEFORE = ("about", "almost", "just over", "more than")

ROLE_FORMATS = {
    "Share of ambition reached": "percent:0",
    "Growth a year, observed": "percent:1",
    "Growth a year, needed": "percent:1",
}
HCHS_FORMATS = {"period": "date", "fte": "count", "total_fte": "count", "share": "percent:1"}
OECD_FORMATS = {"doctors_per_1000": "decimal:1", "nurses_per_1000": "decimal:1", "nurses_per_doctor": "decimal:2"}
SOURCE_FORMATS = {"Line": "count", "period": "date", "value": "number"}
EVENT_FORMATS = {"date": "date", "source_url": "link"}
SOURCE_COLUMNS = ["row", "series", "period", "value", "vintage", "qualifier", "source_title"]


def quoted(value, qualifier: str, period: str, geography: str = "") -> str:
    """A quoted figure with its qualifier, date and place: 'about 10,000 (31 March 2037, England)',
    '4,353, derived (31 March 2021, England)'."""
    number = fmt_int(value)
    if qualifier in BEFORE:
        number = f"{qualifier} {number}"
    elif qualifier:
        number = f"{number}, {qualifier}"
    where = ", ".join(p for p in (fmt_date(period), GEOGRAPHY_LABELS.get(geography, geography)) if p)
    return f"{number} ({where})" if where else number


def roles_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """New roles against their 2023 ambitions: one row per role, each count with its date."""
    rows = summary.itertuples(index=False)
    return pd.DataFrame(
        [
            {
                "Role": r.role[:1].upper() + r.role[1:],
                "Formerly": r.formerly[:1].upper() + r.formerly[1:],
                "First count": quoted(r.first_value, r.first_qualifier, r.first_period, r.observed_geography),
                "Latest count": quoted(r.latest_value, r.latest_qualifier, r.latest_period, r.observed_geography),
                "Ambition (2023 plan)": quoted(
                    r.ambition, r.ambition_qualifier, r.ambition_period, r.ambition_geography
                ),
                "Share of ambition reached": r.share_of_ambition,
                "Growth a year, observed": r.observed_annual_growth,
                "Growth a year, needed": r.required_annual_growth,
            }
            for r in rows
        ]
    )


def hchs_mix_shown(mix: pd.DataFrame) -> pd.DataFrame:
    """Staff groups as a share of the trusts-and-CCGs total, with the group in words."""
    shown = mix[["period", "staff_group", "fte", "total_fte", "share", "qualifier"]].copy()
    shown["staff_group"] = shown["staff_group"].str[:1].str.upper() + shown["staff_group"].str[1:]
    return shown


def sources_shown(used: pd.DataFrame) -> pd.DataFrame:
    """The curated rows behind the chapter: line of the data file, series in words, date,
    value, vintage, qualifier and source title."""
    shown = used[SOURCE_COLUMNS].copy()
    shown["series"] = shown["series"].map(series_label)
    return shown.rename(columns={"row": "Line"})  # of the data file, as the source line says
