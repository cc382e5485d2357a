"""The landing page: key findings filled from the claims ledger, and the facts-checked date."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from skillmix.core.errors import InputError
from skillmix.overview import facts, key_findings
from skillmix.overview.key_findings import Finding

LEDGER = pd.DataFrame(
    {
        "chapter": ["workforce", "survey"],
        "key": ["hchs_last", "role_sentence"],
        "value": ["1,348,584", "Of 11 statements compared, 0 differ."],
        "data": ["not synthetic", "synthetic"],
    }
)


def test_a_finding_is_filled_from_the_ledger_and_marked_when_synthetic():
    plain = Finding(id="a", text="Staff numbered {workforce.hchs_last}.", section="01_workforce.ipynb#x")
    survey = Finding(id="b", text="In the survey: {survey.role_sentence}", section="03_survey.ipynb")
    assert key_findings.render(plain, LEDGER) == ("Staff numbered 1,348,584.", False)
    assert key_findings.render(survey, LEDGER)[1] is True
    markdown = key_findings.findings_markdown([plain, survey], LEDGER)
    assert markdown.splitlines() == [
        "- Staff numbered 1,348,584. [More](01_workforce.ipynb#x)",
        "- In the survey: Of 11 statements compared, 0 differ. *(synthetic survey data)* [More](03_survey.ipynb)",
    ]


def test_a_finding_that_names_an_unknown_value_fails():
    bad = Finding(id="c", text="{workforce.no_such_key}", section="x")
    with pytest.raises(InputError, match="finding 'c' uses a value no chapter glued.*workforce.no_such_key"):
        key_findings.render(bad, LEDGER)


def test_every_committed_finding_has_a_number_from_the_book_and_no_typed_digits():
    """Numbers come from the ledger only: the templates hold no digits outside placeholders
    (years and plan periods named in the text are allowed)."""
    for finding in key_findings.load_findings():
        assert key_findings.PLACEHOLDER.search(finding.text), finding.id
        bare = key_findings.PLACEHOLDER.sub("", finding.text)
        for number in re.findall(r"\d(?:[\d,./]*\d)?", bare):
            assert number in ("2023", "2036/37", "2020", "1,000", "2017"), (finding.id, number)


def test_facts_checked_date_is_the_latest_check(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text(
        "fact,checked,status,source_title,source_url\n"
        "A,2026-10-01,found,S,https://a.example\nB,2026-11-30,not confirmed,S,https://b.example\n"
    )
    assert facts.checked_as_of(facts.load_facts(path)) == "30 November 2026"
    path.write_text("fact,checked,status,source_title,source_url\nA,30/11/2026,found,S,https://a.example\n")
    with pytest.raises(InputError, match="line 2, column 'checked': not a date"):
        facts.load_facts(path)
