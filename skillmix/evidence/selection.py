"""The part of the evidence base one run of the review chapter covers, chosen by its
parameters (roles, themes, publication years, weakest evidence level kept)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import vocab
from ..core.chapter_spec import as_list
from ..core.errors import InputError


def levels_at_or_above(min_level: str) -> list[str]:
    """Evidence levels kept by `min_evidence_level`: that level and every stronger one."""
    if min_level not in vocab.EVIDENCE_LEVELS:
        raise InputError(
            "unknown evidence level", column="min_evidence_level", value=min_level, allowed=vocab.EVIDENCE_LEVELS
        )
    return list(vocab.EVIDENCE_LEVELS[: vocab.EVIDENCE_LEVELS.index(min_level) + 1])


def keeps_undated(year_from: int, year_to: int, default_from: int, default_to: int) -> bool:
    """Records without a year are kept unless the year window is narrower than the default."""
    return year_from <= default_from and year_to >= default_to


def filter_records(
    records: pd.DataFrame,
    links: pd.DataFrame,
    *,
    roles="all",
    themes="all",
    year_from: int,
    year_to: int,
    min_evidence_level: str,
    default_year_from: int,
    default_year_to: int,
) -> pd.DataFrame:
    """The records a run of the chapter covers.

    A record is kept when it has at least one of `roles`, addresses at least one of `themes`
    (by `links`, see `records.theme_links`), was published from `year_from` to `year_to`
    inclusive, and its evidence level is `min_evidence_level` or stronger (order of
    `vocab.EVIDENCE_LEVELS`). `roles` and `themes` are lists of codes or "all". Records
    without a year are kept only while the year window is at least as wide as the default
    (`default_year_from` to `default_year_to`): narrowing the window means asking for dated
    evidence.
    """
    role_set = set(vocab.ROLES if roles == "all" else roles)
    theme_set = set(vocab.THEMES if themes == "all" else themes)
    keep = records["roles"].map(lambda codes: bool(role_set.intersection(codes)))
    addressed = links[links["theme"].isin(theme_set)]["record_id"]
    keep &= records["id"].isin(set(addressed))
    year = records["year"]
    dated = year.notna()
    in_window = dated & (year.fillna(0) >= year_from) & (year.fillna(0) <= year_to)
    undated_ok = keeps_undated(year_from, year_to, default_year_from, default_year_to)
    keep &= in_window | (~dated & undated_ok)
    keep &= records["evidence_level"].isin(levels_at_or_above(min_evidence_level))
    return records[keep.astype(bool)].reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class Selection:
    """What one run keeps: its role and theme codes, its records, their coded findings on its
    themes and their links to its themes."""

    roles: list
    themes: list
    records: pd.DataFrame
    coded: pd.DataFrame
    links: pd.DataFrame


def select(
    records: pd.DataFrame, coded: pd.DataFrame, links: pd.DataFrame, parameters: dict, defaults: dict
) -> Selection:
    """The selection of a run with these parameter values (see `chapters.yml`); `defaults`
    are the chapter's default values (for the rule on undated records)."""
    roles = as_list(parameters["roles"], vocab.ROLES)
    themes = as_list(parameters["themes"], vocab.THEMES)
    kept = filter_records(
        records,
        links,
        roles=roles,
        themes=themes,
        year_from=parameters["year_from"],
        year_to=parameters["year_to"],
        min_evidence_level=parameters["min_evidence_level"],
        default_year_from=defaults["year_from"],
        default_year_to=defaults["year_to"],
    )
    return Selection(
        roles=roles,
        themes=themes,
        records=kept,
        coded=coded[coded["record_id"].isin(kept["id"]) & coded["theme"].isin(themes)],
        links=links[links["record_id"].isin(kept["id"]) & links["theme"].isin(themes)],
    )
