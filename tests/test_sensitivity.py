"""The sensitivity comparison: numbers, changes, findings held, and the committed sweep's currency."""

from __future__ import annotations

import pandas as pd
import pytest

from skillmix.core.errors import InputError
from skillmix.core.ledger_values import ledger_file, load_ledger
from skillmix.core.paths import ROOT
from skillmix.overview import key_findings, sensitivity
from skillmix.overview.key_findings import Finding


@pytest.mark.parametrize(
    "text, value",
    [("1,234", 1234.0), ("27.5%", 27.5), ("-0.5", -0.5), ("−3", -3.0), ("0.95", 0.95), ("12", 12.0)],
)
def test_numbers_are_read_as_numbers(text, value):
    assert sensitivity.number(text) == value


@pytest.mark.parametrize("text", ["30 September 2015", "1,23", "R8, R9", "4,353 (derived)", "", "1.2.3"])
def test_other_values_are_text(text):
    assert sensitivity.number(text) is None


def ledger(rows):
    return pd.DataFrame(rows, columns=["chapter", "key", "value", "data"])


DEFAULT = ledger(
    [
        ("survey", "pct", "40.0%", "synthetic"),
        ("survey", "n", "1,200", "synthetic"),
        ("workforce", "ratio", "1.17", "not synthetic"),
        ("workforce", "period", "31 January 2022", "not synthetic"),
    ]
)


def runs():
    a = ledger([("survey", "pct", "42.5%", "synthetic"), ("survey", "n", "1,200", "synthetic")])
    b = DEFAULT.copy()
    return pd.concat(
        [
            a.assign(run="a").drop(columns="data").assign(data="synthetic"),
            b.assign(run="b"),
        ]
    )[["run", "chapter", "key", "value", "data"]]


def test_compare_flags_changes_with_their_size_and_missing_values():
    table = sensitivity.compare(DEFAULT, runs()).set_index(["run", "chapter", "key"])
    assert table.loc[("a", "survey", "pct"), "changed"]
    assert table.loc[("a", "survey", "pct"), "difference"] == pytest.approx(2.5)  # percentage points
    assert not table.loc[("a", "survey", "n"), "changed"]
    assert table.loc[("a", "survey", "n"), "difference"] == 0
    assert table.loc[("a", "workforce", "ratio"), "changed"], "a value the run did not glue is a change"
    assert not table.xs("b", level="run")["changed"].any(), "a run identical to the default changes nothing"


def test_a_finding_holds_only_when_no_value_it_quotes_changed():
    findings = [
        Finding(id="survey", text="{survey.pct} of {survey.n}", section="x"),
        Finding(id="survey_n", text="{survey.n} respondents", section="x"),
    ]
    held = sensitivity.findings_held(sensitivity.compare(DEFAULT, runs()), findings).set_index("finding")
    assert not held.loc["survey", "held"] and held.loc["survey", "runs changed"] == 1
    assert held.loc["survey", "values changed"] == "survey.pct"
    assert held.loc["survey_n", "held"]
    assert sensitivity.held_note(held.loc["survey"]) == "changed in 1 of 2 runs of the sensitivity sweep"


def test_changed_values_list_each_changed_value_once_with_the_runs_that_changed_it():
    table = sensitivity.changed_values(sensitivity.compare(DEFAULT, runs())).set_index("key")
    assert sorted(table.index) == ["pct", "period", "ratio"]
    assert table.loc["pct", "in those runs"] == "Run 1: 42.5%"
    assert table.loc["ratio", "in those runs"] == "Run 1: (none)"
    assert table.loc["pct", "chapter"] == "Chapter 3"
    assert table.loc["pct", "runs changed"] == 1 and table.loc["pct", "default"] == "40.0%"


def test_a_stale_sweep_is_refused_with_the_commands_that_remake_it():
    newer = DEFAULT.assign(value=["40.0%", "1,201", "1.17", "31 January 2022"])
    with pytest.raises(InputError, match="survey.n.*") as error:
        sensitivity.check_current(newer, DEFAULT)
    assert "skillmix compare -f data/sensitivity/sweep.yml --record" in str(error.value)
    sensitivity.check_current(DEFAULT, DEFAULT)


def test_the_committed_sweep_was_made_with_this_book():
    """Fails when the book's quoted values changed after the sensitivity sweep was recorded:
    rerun the two commands in data/sensitivity/README.md."""
    book = load_ledger(ledger_file(ROOT / "chapters" / "outputs"))[["chapter", "key", "value", "data"]]
    swept, runs_ = sensitivity.split(sensitivity.load_ledgers())
    sensitivity.check_current(book, swept)
    assert runs_["run"].nunique() == len(sensitivity.load_runs()["run"].unique()) >= 9
    notes = sensitivity.held_notes(key_findings.load_findings())
    assert set(notes) == {f.id for f in key_findings.load_findings()}


def test_long_decimals_are_shown_to_three_places_and_kept_in_full_in_the_csv():
    assert sensitivity._shown("0.5238095238095238") == "0.524"
    assert sensitivity._shown("1,234.5678") == "1,234.5678"  # a formatted number is left as it is
    assert sensitivity._shown(float("nan")) == "(none)"
