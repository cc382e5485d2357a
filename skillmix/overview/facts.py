"""Statements about current policy and titles, each with the date it was checked against a
cited source (`data/book/facts_checked.csv`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.formats import fmt_date
from ..core.paths import DATA, relative

FACTS = DATA / "book" / "facts_checked.csv"
COLUMNS = ("fact", "checked", "status", "source_title", "source_url")
STATUSES = ("found", "not confirmed")


def load_facts(path=FACTS) -> pd.DataFrame:
    """The checked facts, validated: ISO dates, known statuses, http(s) sources."""
    facts = read_csv(path, COLUMNS, what="checked facts")
    for index, row in facts.iterrows():
        where = {"file": relative(path), "line": line_of(index)}
        try:
            dt.date.fromisoformat(row["checked"])
        except ValueError:
            raise InputError("not a date (YYYY-MM-DD)", **where, column="checked", value=row["checked"]) from None
        if row["status"] not in STATUSES:
            raise InputError("unknown status", **where, column="status", value=row["status"], allowed=STATUSES)
        if not row["source_url"].startswith(("https://", "http://")):
            raise InputError("not an http(s) address", **where, column="source_url", value=row["source_url"])
    if facts.empty:
        raise InputError("no facts listed", file=relative(path))
    return facts


def checked_as_of(facts: pd.DataFrame) -> str:
    """The date by which every fact had been checked (the latest check), as readers see dates."""
    return fmt_date(max(facts["checked"]))


def facts_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts as the landing page lists them, each with its source as a link."""
    return pd.DataFrame(
        {
            "Statement": facts["fact"],
            "Checked": facts["checked"].map(fmt_date),
            "Status": facts["status"].str.capitalize(),
            "Source": facts["source_url"],
        }
    )
