"""The lessons chapter and the glossary appendix stay in step with their data.

Citations in prose must be written in markdown cells to resolve in the book, so each lesson's
section cites its records by hand; these tests fail when lessons.yml, the historical
parallels or the glossary change and the notebooks are not updated to match.
"""

from __future__ import annotations

import re

import nbformat

from skillmix.core import citations
from skillmix.core.lists import split_codes
from skillmix.core.paths import CHAPTERS
from skillmix.lessons.glossary import load_glossary
from skillmix.lessons.parallels import load_parallels
from skillmix.lessons.spec import load_lessons

LESSONS_NB = CHAPTERS / "04_lessons.ipynb"
GLOSSARY_NB = CHAPTERS / "a5_glossary.ipynb"
CITE = re.compile(r"\{cite:p\}`([^`]*)`")


def cells(path):
    return nbformat.read(str(path), as_version=4).cells


def cites(text):
    return [key.strip() for group in CITE.findall(text) for key in group.split(",")]


def test_each_lesson_has_a_section_citing_exactly_its_records():
    markdown = [c.source for c in cells(LESSONS_NB) if c.cell_type == "markdown"]
    for lesson in load_lessons():
        sections = [m for m in markdown if f"`lessons_{lesson.id}_statement`" in m]
        assert len(sections) == 1, f"lesson {lesson.id}: expected one section in {LESSONS_NB.name}"
        assert sorted(cites(sections[0])) == sorted(lesson.records), (
            f"lesson {lesson.id}: citations in {LESSONS_NB.name} differ from lessons.yml"
        )


def test_each_lesson_shows_its_tables():
    code = {c.source for c in cells(LESSONS_NB) if c.cell_type == "code"}
    for lesson in load_lessons():
        assert f'out.table(chapter.confidence_table("{lesson.id}"))' in code, lesson.id
        assert f'out.table(chapter.supporting_records("{lesson.id}"))' in code, lesson.id
        has_survey = f'out.table(chapter.survey_for_lesson("{lesson.id}"))' in code
        assert has_survey == bool(lesson.survey_items), lesson.id


def test_no_section_for_a_lesson_that_does_not_exist():
    ids = {lesson.id for lesson in load_lessons()}
    text = "\n".join(c.source for c in cells(LESSONS_NB))
    assert set(re.findall(r"lessons_(L\d+)_statement", text)) == ids


def test_parallels_records_are_cited():
    lessons = load_lessons()
    wanted = {
        r for rs in load_parallels(lesson_ids={lesson.id for lesson in lessons})["records"] for r in split_codes(rs)
    }
    markdown = [c.source for c in cells(LESSONS_NB) if c.cell_type == "markdown"]
    section = [m for m in markdown if m.startswith("## Historical parallels")]
    assert len(section) == 1 and set(cites(section[0])) == wanted


def test_glossary_records_are_cited_beside_the_entries_they_support():
    """Each entry links every record it draws on to its References entry (the table's Evidence
    records column, in the executed notebook); the prose does not list them again."""
    glossary = load_glossary()
    html = "".join(
        output.get("data", {}).get("text/markdown", "")
        for cell in cells(GLOSSARY_NB)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )
    rows = html.split("<tr>")[1:]  # the header row, then one per entry, in the glossary's order
    assert len(rows) == len(glossary) + 1
    for row, records in zip(rows[1:], glossary["records"], strict=True):
        linked = set(re.findall(re.escape(citations.REFERENCES_PAGE) + r"#(cite-[a-z0-9-]+)", row))
        assert {citations.anchor(r) for r in split_codes(records)} <= linked, row[:200]
    text = "\n".join(c.source for c in cells(GLOSSARY_NB) if c.cell_type == "markdown")
    assert cites(text) == []


def markdown_text(path):
    return "\n".join(c.source for c in cells(path) if c.cell_type == "markdown")


def test_parallels_keep_the_caveat_of_the_evidence_review():
    """Earlier changes are compared without implying that the earlier experience will repeat
    (the evidence review's wording), and not said to show 'the same patterns'."""
    section = next(m for m in markdown_text(LESSONS_NB).split("\n## ") if m.startswith("Historical parallels"))
    assert "without implying that the earlier experience will repeat" in section
    assert "the same patterns" not in section


def test_current_role_names_come_first_with_the_former_in_brackets():
    text = " ".join(markdown_text(LESSONS_NB).split())
    for current, former in (
        ("physician assistants", "physician associates"),
        ("physician assistants in anaesthesia", "anaesthesia associates"),
    ):
        first = text.find(f"{current} (formerly {former})")
        assert first >= 0, current
        assert text.find(former) > first, f"{former} is mentioned before its current name"
