"""The evidence chapter's static narrative against the data: every citation resolves, and every
record cited in a theme's section has a coded finding on that theme (default parameters)."""

from __future__ import annotations

import re

import nbformat
import pybtex.database
import pytest

from skillmix.core.paths import CHAPTERS
from skillmix.evidence import bibliography
from skillmix.evidence import records as ev

NOTEBOOK = CHAPTERS / "02_evidence_review.ipynb"
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")


@pytest.fixture(scope="module")
def markdown():
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    return ["".join(c.source) for c in nb.cells if c.cell_type == "markdown"]


def cited(text):
    return [key.strip() for group in CITE.findall(text) for key in group.split(",")]


def test_every_citation_is_a_record_and_a_bib_entry(markdown):
    keys = {k for text in markdown for k in cited(text)}
    assert keys, "the chapter cites nothing"
    bib = pybtex.database.parse_file(str(bibliography.BIB), "bibtex")
    assert keys <= set(ev.load_records()["id"])
    assert keys <= set(bib.entries)


def test_theme_sections_cite_only_records_coded_on_that_theme(markdown):
    data = ev.load_all()
    coded = set(zip(data["coded"]["record_id"], data["coded"]["theme"], strict=True))
    by_label = dict(zip(data["themes"]["label"], data["themes"]["theme"], strict=True))
    sections = 0
    for text in markdown:
        heading = re.match(r"### (.+)", text)
        if not heading or heading.group(1) not in by_label:
            continue
        theme = by_label[heading.group(1)]
        sections += 1
        stray = sorted({k for k in cited(text) if (k, theme) not in coded})
        assert not stray, f"{theme}: cited without a coded finding on the theme: {stray}"
    assert sections == len(by_label)


def test_no_bibliography_directive_and_no_typed_counts_in_methods(markdown):
    assert not any("{bibliography}" in text for text in markdown)
    methods = next(text for text in markdown if text.startswith("## Methods"))
    # numbers in the methods come from glue; the only digits allowed are the year of the search
    # and of the later fact check
    digits = re.findall(r"(?<![`\w])\d+(?![`\w])", re.sub(r"\{glue:text\}`[^`]+`", "", methods))
    assert set(digits) == {"2026"}, digits


def test_current_role_names_come_first_with_the_former_in_brackets(markdown):
    text = " ".join(" ".join(markdown).split())
    for current, former in (
        ("physician assistants", "physician associates"),
        ("physician assistants in anaesthesia", "anaesthesia associates"),
    ):
        first = text.find(f"{current} (formerly {former})")
        assert first >= 0, current
        assert text.find(former) > first, f"{former} is mentioned before its current name"
