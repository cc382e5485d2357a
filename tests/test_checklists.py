"""The reporting checklists appendix (Appendix F): its data files, the links from each row to
the section that meets it (heading anchors computed the way MyST computes them), the GRADE-
CERQual summary read from lessons.yml, and the study's key findings beside the book's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from skillmix.appendices import cerqual, checklist_data, checklist_tables, sections
from skillmix.appendices.checklists import TABLES, ChecklistsChapter
from skillmix.core.errors import InputError
from skillmix.core.ledger_values import PLACEHOLDER
from skillmix.core.paths import CHAPTERS

FILES = [checklist_data.PRISMA_FILE, checklist_data.CHERRIES_FILE]


def notebook(path: Path, *markdown: str, removed: str | None = None) -> Path:
    """A minimal notebook with these markdown cells (and one tagged remove-cell)."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    if removed is not None:
        cells.append({"cell_type": "markdown", "metadata": {"tags": ["remove-cell"]}, "source": removed})
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


# ---------------------------------------------------------------- anchors, as MyST computes them


def test_anchors_are_myst_slugs_in_page_order(tmp_path):
    path = notebook(
        tmp_path / "x.ipynb",
        "# A title\n\n## Screening: PRISMA 2020 flow\n\n### Lessons and the study's recommendations",
        "## Lesson L01: {glue:md}`lessons_L01_short`\n\n## Methods\n\n#### Too deep",
        "## Methods\n\n```{admonition} Box\n## Not a heading of the page\n```",
        removed="## Hidden from readers",
    )
    found = [(h.level, h.title, h.anchor) for h in sections.headings(path)]
    assert found == [
        (1, "A title", "a-title"),
        (2, "Screening: PRISMA 2020 flow", "screening-prisma-2020-flow"),
        (3, "Lessons and the study's recommendations", "lessons-and-the-studys-recommendations"),
        (2, "Lesson L01:", "lesson-l01-"),  # a role in a heading adds nothing to its anchor
        (2, "Methods", "methods"),
        (2, "Methods", "methods-1"),  # a repeated heading gets a numbered anchor
    ]


def test_links_the_landing_page_uses_resolve():
    """The landing page's key findings link to sections by the same anchors (and the book's
    build resolves those), so the anchors computed here must include them."""
    import yaml

    findings = yaml.safe_load((CHAPTERS.parent / "data" / "book" / "key_findings.yml").read_text())["findings"]
    for finding in findings:
        assert sections.problem(finding["section"]) is None, finding["section"]


def test_a_link_to_a_missing_page_or_heading_is_named():
    assert "no heading with the anchor 'no-such-heading'" in sections.problem(
        "02_evidence_review.ipynb#no-such-heading"
    )
    assert "not a chapter notebook" in sections.problem("99_nothing.ipynb#methods")
    assert sections.problem("02_evidence_review.ipynb") is None


def test_labels_name_the_chapter_and_the_section():
    assert sections.label("02_evidence_review.ipynb#methods") == "Chapter 2, Methods"
    assert sections.label("a2_evidence_table.ipynb#candidates-not-included") == "Appendix B, Candidates not included"
    assert sections.label("03_survey.ipynb") == "Chapter 3"
    lesson = sections.find("04_lessons.ipynb", "Lesson L01")
    assert sections.problem(lesson) is None and sections.label(lesson) == "Chapter 4, Lesson L01"


# ---------------------------------------------------------------- the committed checklists


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_done_item_links_to_sections_that_exist(path):
    checklist = checklist_data.load_checklist(path, CHAPTERS)
    for item in checklist.items:
        if item.status in checklist_data.DONE:
            assert item.where, f"{path.name}: {item.key} is {item.status} without a link"
        else:
            assert item.note, f"{path.name}: {item.key} is {item.status} without a reason"
        for link in item.where:
            notebook_name, anchor = sections.split(link)
            assert (CHAPTERS / notebook_name).is_file(), link
            if anchor:
                assert anchor in {h.anchor for h in sections.headings(CHAPTERS / notebook_name)}, link


def test_prisma_lists_every_item_of_the_checklist_once_in_order():
    items = [item.item for item in checklist_data.load_checklist(checklist_data.PRISMA_FILE, CHAPTERS).items]
    expected = [str(n) for n in range(1, 10)] + ["10a", "10b", "11", "12"]
    expected += [f"13{c}" for c in "abcdef"] + ["14", "15", "16a", "16b", "17", "18", "19"]
    expected += [f"20{c}" for c in "abcd"] + ["21", "22"] + [f"23{c}" for c in "abcd"]
    expected += [f"24{c}" for c in "abc"] + ["25", "26", "27"]
    assert items == expected


def test_survey_checklist_says_the_data_are_synthetic_and_covers_the_required_topics():
    checklist = checklist_data.load_checklist(checklist_data.CHERRIES_FILE, CHAPTERS)
    text = " ".join(f"{item.key} {item.note or ''}".lower() for item in checklist.items)
    for topic in ("sample frame", "response rate", "weight", "missing", "synthetic"):
        assert topic in text, topic
    # Every item that does not apply because no survey was fielded says the data are synthetic.
    not_applicable = [item for item in checklist.items if item.status == "not_applicable"]
    assert all("synthetic" in item.note for item in not_applicable)


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "checklist.yml"
    path.write_text(text)
    return path


HEAD = """guideline: {name: G, title: T, reference: R, url: https://x.example, licence: L, identifiers: numbers}
items:
"""


@pytest.mark.parametrize(
    "item, message",
    [
        ("  - {item: '1', topic: T, status: reported}", "needs the sections that meet it"),
        ("  - {item: '1', topic: T, status: partly, where: [02_evidence_review.ipynb#methods]}", "needs a `note`"),
        ("  - {item: '1', topic: T, status: not_done}", "needs a `note` saying why"),
        (
            "  - {item: '1', topic: T, status: reported, where: [02_evidence_review.ipynb#nowhere]}",
            "has no heading with the anchor 'nowhere'",
        ),
        ("  - {item: '1', topic: T, status: done, where: [02_evidence_review.ipynb]}", "key 'items.0.status'"),
        ("  - {item: '1', status: reported, where: [x.ipynb], colour: red}", "unknown key"),
    ],
)
def test_a_bad_item_fails_naming_the_file_and_the_problem(tmp_path, item, message):
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        checklist_data.load_checklist(write(tmp_path, HEAD + item + "\n"), CHAPTERS)
    assert "checklist.yml" in str(caught.value)


def test_an_item_listed_twice_fails(tmp_path):
    items = "  - {item: '1', status: not_done, note: n}\n  - {item: '1', status: not_done, note: n}\n"
    with pytest.raises(InputError, match="listed twice"):
        checklist_data.load_checklist(write(tmp_path, HEAD + items), CHAPTERS)


def test_rendered_rows_link_every_done_item_and_escape_the_data():
    checklist = checklist_data.load_checklist(checklist_data.PRISMA_FILE, CHAPTERS)
    for item, row in zip(checklist.items, checklist_tables.prisma_rows(checklist, CHAPTERS), strict=True):
        for link in item.where:
            assert f"]({link})" in row[2]
        if item.status in checklist_data.DONE:
            assert "](" in row[2]
    assert checklist_tables.escape("a *b* [c](d) #1") == r"a \*b\* \[c\]\(d\) \#1"
    table = checklist_tables.list_table("Table F.1", "Caption", ["A", "B"], [["x", "y"]], [50, 50])
    assert table.startswith("```{list-table} Table F\\.1: Caption\n")


# ---------------------------------------------------------------- GRADE-CERQual summary


def test_cerqual_summary_matches_the_lessons_domain():
    """The appendix reads lessons.yml itself (domains do not import each other); what it reads
    must agree with the lessons domain's own validated reading."""
    from skillmix.lessons.spec import load_lessons

    full = {lesson.id: lesson for lesson in load_lessons()}
    summary = cerqual.summary(cerqual.load_lessons())
    assert summary["lesson"].tolist() == list(full)
    for row in summary.itertuples():
        lesson = full[row.lesson]
        assert row.n_records == len(lesson.records)
        assert row.confidence == lesson.confidence.overall.rating.replace("_", " ")
        for component in cerqual.COMPONENTS:
            concern = getattr(lesson.confidence, component).concern.replace("_", " ")
            assert f"{concern} concerns about {component.replace('_', ' ')}" in row.explanation.lower()
    assert sum(cerqual.rating_counts(cerqual.load_lessons()).values()) == len(full)


# ---------------------------------------------------------------- the study's findings side by side


def test_findings_type_no_number_and_name_only_values_the_workforce_chapter_glues():
    findings = checklist_data.load_findings(checklist_data.FINDINGS_FILE, CHAPTERS)
    workforce = json.loads((CHAPTERS / "01_workforce.ipynb").read_text())
    prose = " ".join("".join(c["source"]) for c in workforce["cells"] if c["cell_type"] == "markdown")
    for finding in findings.findings:
        assert not re.findall(r"\d", PLACEHOLDER.sub("", finding.book)), finding.id
        for chapter, key in PLACEHOLDER.findall(finding.book):
            assert chapter == "workforce" and f"`{key}`" in prose, f"{finding.id}: {chapter}.{key}"
        if finding.verdict != "cannot_check":
            assert finding.where, finding.id
        for link in finding.where:
            assert sections.problem(link) is None, link
    seen = [f for f in findings.findings if f.published]
    assert seen[0].complete and not any(f.complete for f in seen[1:])


def test_a_finding_needs_sections_unless_it_cannot_be_checked(tmp_path):
    path = tmp_path / "findings.yml"
    path.write_text(
        "source: {title: T, url: https://x.example, introduction: I, caveat: C}\n"
        "findings:\n  - {id: a, published: P, complete: true, verdict: agrees, how: H, book: B}\n"
    )
    with pytest.raises(InputError, match="agrees with needs the sections"):
        checklist_data.load_findings(path, CHAPTERS)


def ledger(tmp_path, rows: dict) -> Path:
    folder = tmp_path / "outputs" / "claims_ledger"
    folder.mkdir(parents=True)
    frame = pd.DataFrame([{"chapter": c, "key": k, "value": v, "data": "not synthetic"} for (c, k), v in rows.items()])
    frame.to_csv(folder / "claims_ledger.csv", index=False)
    return tmp_path / "outputs"


def test_the_appendix_fills_the_book_values_from_the_ledger_and_numbers_its_tables(tmp_path):
    findings = checklist_data.load_findings(checklist_data.FINDINGS_FILE, CHAPTERS)
    keys = {match for f in findings.findings for match in PLACEHOLDER.findall(f.book)}
    outputs = ledger(tmp_path, {key: f"V{key[1].replace('_', '')}" for key in keys})
    chapter = ChecklistsChapter({}, outputs=outputs, folder=CHAPTERS)
    values = chapter.values()
    assert values["prisma_n_items"] == sum(values[f"prisma_n_{s}"] for s in checklist_data.STATUSES)
    for number, key in enumerate(TABLES, start=1):
        assert values[key].startswith(f"```{{list-table}} Table {chapter.label}\\.{number}:"), key
    assert "Vclosestvalue" in values["findings_table"]
    download = chapter.findings_download().frame
    book = download.loc[download["id"] == "gp_other_clinicians", "book"].item()
    assert not PLACEHOLDER.search(book) and "Vstudyratio" in book


def test_a_value_missing_from_the_ledger_fails(tmp_path):
    outputs = ledger(tmp_path, {("workforce", "study_ratio"): "2.6"})
    with pytest.raises(InputError, match="uses a value no chapter glued"):
        ChecklistsChapter({}, outputs=outputs, folder=CHAPTERS)
