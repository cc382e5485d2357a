"""One table style for the whole book: every table a chapter notebook shows (`out.table(...)`)
is built by its façade with the chapter's default parameters, published, and checked as a
reader would meet it: numbered caption, source line, CSV download, reader labels (no
snake_case code, no raw column name) and formatted numbers (`publish.checks`).

The tables are found in the notebooks themselves, so a table added to a chapter is checked
without changing this test. The built book is checked by `test_built_html.py`."""

from __future__ import annotations

import importlib
import os
import re

import nbformat
import pandas as pd
import pytest
import yaml

from skillmix.core import chapter_spec, labels
from skillmix.core.artifacts import Table
from skillmix.core.paths import CHAPTERS, OUTPUTS_ENV, ROOT
from skillmix.publish import Publisher
from skillmix.publish.checks import book_problems, column_problems, page_problems, text_problems

TABLE_CALL = re.compile(r"out\.table\((chapter\.\w+\([^()]*\))\)")
FACADE_IMPORT = re.compile(r"from (skillmix\.[\w.]+) import (\w+)")


def shown_tables() -> list[tuple[str, str]]:
    """(chapter, expression) of every table shown by a chapter notebook, in page order."""
    found = []
    for name, spec in chapter_spec.chapters().items():
        sources = [c.source for c in nbformat.read(ROOT / spec.notebook, 4).cells if c.cell_type == "code"]
        found += [(name, expr) for source in sources for expr in TABLE_CALL.findall(source)]
    return found


def facade_class(chapter: str):
    """The façade class a chapter notebook builds (its `from skillmix... import ...Chapter`)."""
    notebook = nbformat.read(ROOT / chapter_spec.chapter(chapter).notebook, 4)
    for cell in notebook.cells:
        for module, name in FACADE_IMPORT.findall(cell.source):
            if name.endswith("Chapter"):
                return getattr(importlib.import_module(module), name)
    raise AssertionError(f"no façade imported in the notebook of {chapter}")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """chapter -> [(expression, Table, display)] for every shown table, built and published as
    the notebooks do (in chapters/, outputs written to a temporary folder)."""
    outputs = tmp_path_factory.mktemp("outputs")
    here, before = os.getcwd(), os.environ.get(OUTPUTS_ENV)
    os.chdir(CHAPTERS)
    os.environ[OUTPUTS_ENV] = str(outputs)
    out: dict[str, list] = {}
    try:
        by_chapter: dict[str, list[str]] = {}
        for chapter, expr in shown_tables():
            by_chapter.setdefault(chapter, []).append(expr)
        for chapter, exprs in by_chapter.items():
            facade = facade_class(chapter).from_notebook(chapter_spec.chapter(chapter).defaults())
            publisher = Publisher(chapter)
            for expr in exprs:
                table = eval(expr, {"chapter": facade})  # noqa: S307 - the notebook's own one-line call
                out.setdefault(chapter, []).append((expr, table, publisher.table(table)))
    finally:
        os.chdir(here)
        if before is None:
            os.environ.pop(OUTPUTS_ENV, None)
        else:
            os.environ[OUTPUTS_ENV] = before
    return out, outputs


def test_the_notebooks_show_tables():
    chapters = {chapter for chapter, _ in shown_tables()}
    assert {"workforce", "evidence_review", "survey", "lessons", "evidence_table", "glossary"} <= chapters


def test_every_shown_table_has_a_caption_a_source_and_its_own_download(published):
    tables, outputs = published
    for chapter, shown in tables.items():
        names = [table.name for _, table, _ in shown]
        for expr, table, display in shown:
            assert isinstance(table, Table), expr
            assert table.caption and table.source and table.name, f"{chapter}: {expr}"
            assert not table.caption.endswith("."), f"{chapter}: {expr}: a caption is a phrase"
            assert (outputs / chapter / f"{table.name}.csv").is_file(), expr
            assert f"<outputs/{chapter}/{table.name}.csv>" in display.markdown, expr
        repeated = {n for n in names if names.count(n) > 1}
        assert not repeated, f"{chapter}: two tables share a download name: {repeated}"


def test_tables_are_numbered_in_page_order_by_the_chapter_label(published):
    tables, _ = published
    for chapter, shown in tables.items():
        label = chapter_spec.chapter(chapter).label
        numbers = [repr(display).split(":")[0] for _, _, display in shown]
        assert numbers == [f"Table {label}.{i}" if label else f"Table {i}" for i in range(1, len(shown) + 1)]


def test_every_shown_table_reads_as_a_reader_meets_it(published):
    """No snake_case code or column name in a header or cell, no unformatted number, every
    header a <th scope="col"> and every table a caption (checked on the table's HTML)."""
    tables, _ = published
    problems = [
        f"{chapter}: {expr}: {problem}"
        for chapter, shown in tables.items()
        for expr, _, display in shown
        for problem in page_problems(display.html, chapter, downloads=False)
    ]
    assert problems == []


def test_a_record_id_is_shown_as_its_citation_label(published):
    tables, _ = published
    records = [d.html for _, t, d in tables["evidence_review"] + tables["lessons"] if "cite" in t.formats.values()]
    assert records and all('href="references.html#cite-' in html for html in records)


# --- the checks themselves -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("primary_research", "snake_case"),
        ("superseded_original", "snake_case"),
        ("29364.00", "four or more digits"),
        ("4353.0", "four or more digits"),
        ("0.123456", "four or more decimals"),
        ("1348584", "five or more digits"),
    ],
)
def test_unformatted_cells_are_found(text, expected):
    assert any(expected in p for p in text_problems(text))


@pytest.mark.parametrize(
    "text",
    ["29,364", "12.3%", "2024", "30 September 2015", "DOI 10.3310/GTJJ3104", "PQ answer (parallelparliament 66108)"],
)
def test_formatted_cells_pass(text):
    assert text_problems(text) == []


def test_a_column_of_whole_numbers_shown_as_floats_is_found_and_one_decimal_is_not():
    assert column_problems(["4353.0", "10881.0"])
    assert column_problems(["5.0%", "2.5%"]) == [] and column_problems(["12", "7"]) == []


def test_page_checks_find_a_table_without_caption_unscoped_headers_and_broken_downloads(tmp_path):
    (tmp_path / "chapters").mkdir()
    bad = (
        '<div class="sm-table" id="tbl-x"><table><thead><tr><th>first_period</th></tr></thead>'
        "<tbody><tr><td>4353.0</td></tr><tr><td><code>primary_research</code></td></tr></tbody></table>"
        '<p><a class="reference download internal" download="" href="../_downloads/x/gone.csv">CSV</a></p></div>'
        '<table><caption>Table 1.2: Fine</caption><tr><td><a href="references.html#cite-none">Kessler 2020</a></td></tr></table>'
    )
    (tmp_path / "chapters" / "bad.html").write_text(bad)
    (tmp_path / "chapters" / "references.html").write_text('<p id="cite-kessler2020">x</p>')
    problems = book_problems(tmp_path)
    assert any("without a caption" in p for p in problems)
    assert any("is not <th scope" in p for p in problems)
    assert any("'first_period': snake_case" in p for p in problems)
    assert any("four or more digits" in p for p in problems)
    assert not any("'primary_research'" in p for p in problems)  # code is not reader text
    assert any("missing file" in p and "gone.csv" in p for p in problems)
    assert any("missing anchor" in p and "cite-none" in p for p in problems)


# --- the one label table ------------------------------------------------------------------


def test_theme_labels_are_the_evidence_review_headings():
    themes = yaml.safe_load((ROOT / "data" / "evidence" / "themes.yml").read_text())["themes"]
    headings = {code: theme["label"] for code, theme in themes.items()}
    assert len(headings) == 14 and {code: labels.THEME_LABELS[code] for code in headings} == headings


def test_every_code_of_the_shared_vocabularies_has_a_label():
    from skillmix.core import vocab

    for name in vocab.VOCABULARIES:
        assert set(vocab.VOCABULARIES[name]) <= set(labels.LABELS[name]), name
    assert set(vocab.EXCLUSION_REASONS) <= set(labels.LABELS["exclusion_reasons"])


def test_labels_of_codes_and_columns():
    assert labels.label_codes("roles", "physician_associate; acp") == (
        "Physician associate, Advanced clinical practitioner"
    )
    assert labels.label_codes("roles", "Already words") == "Already words"
    assert labels.column_label("first_period") == "First date" and labels.column_label("short title") == "Short title"
    assert labels.column_label("n (substantive answers)") == "n (substantive answers)"
    assert labels.series_label("gp_fully_qualified_fte") == "GP fully qualified FTE"
    assert labels.chapter_label("evidence_table") == "Appendix B: Evidence table"
    assert labels.chapter_label("workforce") == "Chapter 1: Workforce data"
    assert not pd.Series(list(labels.COLUMN_LABELS.values())).str.contains("_").any()


# --- the Sphinx extension: table labels for {ref}, scoped headers of Sphinx's own tables ----


def test_sphinx_extension_labels_tables_by_their_number_and_scopes_docutils_headers():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from skillmix.publish.sphinx_tables import scoped, table_labels
    from skillmix.publish.tables import render_markdown

    markdown = render_markdown(Table(pd.DataFrame({"n": [1]}), caption="Cap"), "Table 1.7", "tbl-demo-x", None)
    doctree = new_document("page", get_default_settings(Parser))
    doctree += nodes.raw("", markdown.split("\n")[1], format="html")
    assert table_labels(doctree) == {"tbl-demo-x": "Table 1.7"}
    assert (
        scoped('<thead><tr><th class="head"><p>A</p></th>') == '<thead><tr><th scope="col" class="head"><p>A</p></th>'
    )
    assert scoped('<th scope="col" class="head">') == '<th scope="col" class="head">'


def test_survey_answers_are_worded_as_the_code_book_words_them():
    from skillmix.survey import codebook, display

    book = codebook.load()
    assert display.answer_label(book, "years_in_role", "lt_1") == "Less than 1 year"
    assert display.answer_label(book, "profession", "physician_associate") == "Physician associate"
    quotes = display.quotes(pd.DataFrame({"question": ["helped"], "theme": ["education_training"], "quote": ["q"]}))
    assert quotes.iloc[0].tolist() == ["What has helped", "Education and training", "q"]
