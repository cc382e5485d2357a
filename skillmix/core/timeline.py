"""Reference periods of published figures, and the timeline of role and policy events
(read by the workforce and evidence chapters and checked by the lessons)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from . import vocab
from .csv_input import line_of, read_csv
from .errors import InputError
from .paths import DATA, relative

TIMELINE = DATA / "workforce" / "role_timeline.csv"
TIMELINE_COLUMNS = ("year", "date", "role", "event", "source_url")
PERIOD_FORMS = ("YYYY-MM-DD", "YYYY", "YYYY/YY (financial year)", "start/end (each YYYY-MM-DD or YYYY)")
URL_PATTERN = r"https?://[^\s/]+\.[^\s/]+(/\S*)?"


def parse_period(text: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """(start, end, kind) of a period in one of PERIOD_FORMS; ValueError otherwise.

    The reference date of a period is its end: a snapshot date, 31 December of a year,
    31 March ending a financial year, or the end of a range.
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = pd.Timestamp(dt.date.fromisoformat(text))
        return day, day, "date"
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), "year"
    match = re.fullmatch(r"(\d{4})/(\d{2})", text)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if (first + 1) % 100 != second:
            raise ValueError("financial year must span consecutive years")
        return pd.Timestamp(first, 4, 1), pd.Timestamp(first + 1, 3, 31), "financial_year"
    if text.count("/") == 1:
        left, right = text.split("/")
        start, _, kind_a = parse_period(left)
        _, end, kind_b = parse_period(right)
        if kind_a not in ("date", "year") or kind_b not in ("date", "year") or end < start:
            raise ValueError("range must be start/end with start before end")
        return start, end, "range"
    raise ValueError("not a recognised period form")


def _fail(problem, path, line, column, value, allowed=None):
    raise InputError(problem, file=relative(path), line=line, column=column, value=value, allowed=allowed)


def load_timeline(path=TIMELINE) -> pd.DataFrame:
    """The dated role and policy events, validated; `row` is each event's line in the file."""
    frame = read_csv(path, TIMELINE_COLUMNS, what="role timeline")
    frame.insert(0, "row", [line_of(i) for i in range(len(frame))])
    allowed_roles = tuple(vocab.ROLES) + ("policy",)
    for rec in frame.itertuples(index=False):
        if not re.fullmatch(r"\d{4}", rec.year):
            _fail("year must be YYYY", path, rec.row, "year", rec.year)
        if rec.date and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", rec.date):
            _fail("date must be YYYY-MM or YYYY-MM-DD", path, rec.row, "date", rec.date)
        if rec.date and not rec.date.startswith(rec.year):
            _fail("date is not in the stated year", path, rec.row, "date", rec.date, [rec.year])
        if rec.role not in allowed_roles:
            _fail("unknown role", path, rec.row, "role", rec.role, allowed_roles)
        if not re.fullmatch(URL_PATTERN, rec.source_url):
            _fail("source_url must be an http(s) address", path, rec.row, "source_url", rec.source_url)
    frame["year"] = frame["year"].astype(int)
    return frame
