"""Numbers and dates as the book's prose quotes them (strings for `{glue:text}`)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

NOT_AVAILABLE = "not available in the selected rows"


def fmt_int(value) -> str:
    """12345.6 -> '12,346'."""
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{float(value):,.0f}"


def fmt_num(value, digits: int = 2) -> str:
    """1.23456 -> '1.23' (with `digits` decimals and thousands separators)."""
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{float(value):,.{digits}f}"


def fmt_pct(value, digits: int = 0) -> str:
    """0.123 -> '12%' (a share as a percentage with `digits` decimals)."""
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{100 * float(value):.{digits}f}%"


def fmt_date(value) -> str:
    """'2015-09-30' -> '30 September 2015'; a year or other period form is returned as given."""
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = dt.date.fromisoformat(text)
        return f"{day.day} {day:%B %Y}"
    return text
