"""The glossary of roles: every role once, every fact sourced, gaps said, not left blank."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from skillmix.core.errors import InputError
from skillmix.lessons import glossary as G
from skillmix.lessons.glossary_chapter import GlossaryChapter

FIX = Path(__file__).parent / "fixtures" / "lessons"
KW = dict(evidence_path=FIX / "evidence_records.csv", timeline_path=FIX / "role_timeline.csv")


def valid_table():
    rows = [
        {
            "role": r,
            "name": r.replace("_", " "),
            "description": G.NOT_IN_SOURCES,
            "introduced": G.NOT_IN_SOURCES,
            "regulation": G.NOT_IN_SOURCES,
            "records": "",
            "timeline_sources": "https://example.org/pa",
        }
        for r in G.ROLES
    ]
    rows[0]["records"] = "alpha2020_study;delta_policy"
    rows[1]["regulation"] = "regulated"
    return pd.DataFrame(rows, columns=G.COLUMNS)


def write(tmp_path, table):
    path = tmp_path / "glossary.csv"
    table.to_csv(path, index=False)
    return path


def test_valid_glossary_loads(tmp_path):
    table = G.load_glossary(write(tmp_path, valid_table()), **KW)
    assert len(table) == len(G.ROLES) and "other" not in set(table["role"])
    shown = G.for_display(table)
    assert shown.loc[0, "evidence records"] == "alpha2020_study, delta_policy"
    assert "how regulated" in shown.columns


def test_gap_values_count_facts_not_in_the_sources(tmp_path):
    table = G.load_glossary(write(tmp_path, valid_table()), **KW)
    n = len(G.ROLES)
    assert G.gap_values(table) == {
        "glossary_n_roles": n,
        "glossary_n_gaps": 3 * n - 1,
        "glossary_n_unregulated_unknown": n - 1,
    }


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.iloc[1:], "role missing from the glossary"),
        (
            lambda t: t.assign(regulation=[""] + [G.NOT_IN_SOURCES] * (len(t) - 1)),
            "line 2, column 'regulation': empty; write 'not in the sources'",
        ),
        (
            lambda t: t.assign(records=["nobody1999_x"] + [""] * (len(t) - 1)),
            "line 2, column 'records': record 'nobody1999_x' not found",
        ),
        (
            lambda t: t.assign(timeline_sources="https://example.org/elsewhere"),
            "column 'timeline_sources': source not found",
        ),
        (lambda t: t.assign(records="", timeline_sources=""), "no source"),
        (lambda t: pd.concat([t, t.iloc[[0]]]), "role listed twice"),
        (lambda t: t.assign(role=["other"] + list(t["role"][1:])), "unknown role"),
        (
            lambda t: t.assign(name=[G.NOT_IN_SOURCES] + list(t["name"][1:])),
            "line 2, column 'name': a role needs a name",
        ),
        (lambda t: t.drop(columns="introduced"), "line 1, column 'introduced': required column missing"),
    ],
)
def test_glossary_validation_fails(tmp_path, change, message):
    with pytest.raises(InputError, match=message):
        G.load_glossary(write(tmp_path, change(valid_table())), **KW)


def test_real_glossary_validates_and_the_facade_serves_it():
    chapter = GlossaryChapter({})
    assert set(chapter.entries["role"]) == set(G.ROLES)
    download = chapter.glossary_download()
    assert download.name == "glossary" and download.download is chapter.entries
    shown = chapter.glossary_table()
    assert list(shown.frame.columns) == list(G.HEADERS.values())[1:]  # the code is in the download only
    assert shown.name == "glossary" and shown.download is chapter.entries and shown.caption and shown.source
    assert (
        shown.formats == {"evidence records": "cite", "role-timeline sources": "link"}
        and not shown.collapse
        and shown.cards
    )
    assert chapter.gap_values()["glossary_n_roles"] == len(G.ROLES)
