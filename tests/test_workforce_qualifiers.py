"""Published values are quoted with their qualifier: a derived value says in the prose that it
is derived and how (skillmix.workforce.qualifiers), and the curated file cannot hold a derived
value without saying how it was computed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from skillmix.core.errors import InputError
from skillmix.core.formats import NOT_AVAILABLE, fmt_num
from skillmix.workforce import numbers, qualifiers
from skillmix.workforce import published as pub
from skillmix.workforce.chapter import WorkforceChapter
from skillmix.workforce.new_roles import new_roles_progress


@pytest.fixture(scope="module")
def published():
    return pub.load_published()


@pytest.mark.parametrize(
    "value, qualifier, note, expected",
    [
        (27519, "", "", "27,519"),
        (37000, "about", "", "about 37,000"),
        (64000, "more than", "by 2036/37", "more than 64,000"),
        (20000, "estimate", "", "an estimated 20,000"),
        (4353, "derived", "derived: 5,509 minus 1,156; other remark", "4,353 (derived: 5,509 minus 1,156)"),
        (4353, "derived", "no explanation", "4,353 (derived)"),
        (None, "derived", "derived: x", NOT_AVAILABLE),
    ],
)
def test_qualified_value(value, qualifier, note, expected):
    assert qualifiers.qualified_value(value, qualifier, note) == expected


def test_every_qualifier_has_words():
    assert set(pub.QUALIFIERS) == {"", qualifiers.DERIVED, *qualifiers.APPROXIMATE_WORDS}


def test_every_derived_row_says_how(published):
    derived = published[published["qualifier"] == "derived"]
    assert len(derived) == 22
    for rec in derived.itertuples(index=False):
        text = qualifiers.qualified_value(rec.value, rec.qualifier, rec.note, fmt_num)
        assert "(derived: " in text and text.endswith(")") and len(qualifiers.derivation(rec.note)) > 10


def test_derived_row_without_explanation_is_refused(tmp_path):
    with open(pub.PUBLISHED, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[382]["note"] = "DERIVED in source notes: 5,509 - 1,156"  # line 384, the old wording
    path = Path(tmp_path) / "workforce_published.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InputError) as info:
        pub.load_published(path)
    assert info.value.line == 384 and info.value.column == "note"
    assert "derived:" in str(info.value)


def test_nursing_associate_base_is_said_to_be_derived(published):
    """The 4,353 nursing associates of March 2021 is not a published count: the glued text says so."""
    _, summary = new_roles_progress(published)
    values = numbers.roles_numbers(summary)
    assert values["na_first"] == (
        "4,353 (derived: 5,509 on 30 September 2021 minus the six-month increase of 1,156 published with it)"
    )
    assert values["na_ambition"] == "more than 64,000"  # approximations carry their qualifier too
    assert values["pa_latest"] == "5,092"


def test_glued_values_carry_their_qualifiers():
    chapter = WorkforceChapter.from_notebook(
        {"period_from": "2015-09-30", "period_to": "2025-12-31", "include_superseded": False, "gp_workforce_csv": ""}
    )
    gp = chapter.gp_values()
    assert gp["pcn_qualified_parts"].startswith("10,186 (derived: sum of FTE by staff group over NHS Digital")
    assert gp["mixed_qualified_parts"] == "about 15,400 and about 9,150"
    arrs = chapter.arrs_values()
    assert arrs["arrs_roles_last"] == "about 37,000"
    assert arrs["arrs_target_2019"] == "an estimated 20,000"
