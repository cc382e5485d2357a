"""The claims ledger, tested on small notebooks built with nbformat."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from skillmix.appendices import ledger
from skillmix.core.chapter_spec import Chapter
from skillmix.core.errors import InputError

PREFIX = "application/papermill.record/"


def glue_output(name, text, display=False):
    prefix = "" if display else PREFIX
    return new_output(
        "display_data",
        data={prefix + "text/plain": text},
        metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
    )


def make_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# A chapter"),
            new_code_cell("survey_run = ''", metadata={"tags": ["parameters"]}),
            new_code_cell(
                "\n# count records\nglue('n_records', 92, display=False)\nglue('share', 0.5)",
                outputs=[
                    glue_output("n_records", "92"),
                    glue_output("share", "0.5", display=True),
                    new_output("stream", name="stdout", text="not glued\n"),
                ],
            ),
            new_markdown_cell(
                "There are {glue:text}`n_records` records, {glue:text}`share:.0%` of them, "
                "{glue:md}`n_records` again and {glue:text}`never_glued`."
            ),
            new_code_cell(
                "table", outputs=[new_output("execute_result", data={"text/plain": "a table"}, execution_count=3)]
            ),
            new_code_cell(
                "glue('label', 'ARRS', display=False)\nglue('title', Markdown('*L01*'), display=False)",
                outputs=[
                    glue_output("label", "'ARRS'"),
                    new_output(
                        "display_data",
                        data={
                            PREFIX + "text/plain": "<IPython.core.display.Markdown object>",
                            PREFIX + "text/markdown": "*L01*",
                        },
                        metadata={"scrapbook": {"name": "title", "mime_prefix": PREFIX}},
                    ),
                ],
            ),
        ]
    )


def test_glued_values_lists_every_glue_with_cell():
    table = ledger.glued_values(make_notebook(), chapter="demo", label="chapters/demo.ipynb")
    assert list(table.columns) == list(ledger.COLUMNS)
    assert list(table["key"]) == ["n_records", "share", "label", "title"]
    assert list(table["value"]) == ["92", "0.5", "ARRS", "*L01*"]  # strings unquoted, as the reader sees them
    assert list(table["cell"]) == [2, 2, 5, 5]
    assert table.loc[0, "cell_first_line"] == "# count records"
    assert set(table["chapter"]) == {"demo"}
    assert list(table["uses_in_text"]) == [2, 1, 0, 0]
    assert set(table["data"]) == {ledger.NOT_MARKED}  # no data status given: nothing marked


def test_unresolved_keys_are_listed():
    table = ledger.unresolved(make_notebook(), chapter="demo")
    assert list(table["key"]) == ["never_glued"]


def test_notebook_without_glue_gives_empty_table():
    nb = new_notebook(cells=[new_code_cell("1 + 1")])
    table = ledger.glued_values(nb)
    assert table.empty and list(table.columns) == list(ledger.COLUMNS)


def test_ledger_reads_declared_chapters_from_files(tmp_path):
    (tmp_path / "chapters").mkdir()
    nbformat.write(make_notebook(), tmp_path / "chapters" / "demo.ipynb")
    nbformat.write(new_notebook(cells=[new_code_cell("x")]), tmp_path / "chapters" / "empty.ipynb")
    chapters = {
        "demo": Chapter("demo", "chapters/demo.ipynb", (), ()),
        "empty": Chapter("empty", "chapters/empty.ipynb", (), ()),
        "claims_ledger": Chapter("claims_ledger", "chapters/missing_is_skipped.ipynb", (), ()),
    }
    table = ledger.ledger(tmp_path, chapters)
    assert len(table) == 4 and set(table["notebook"]) == {"chapters/demo.ipynb"}
    assert list(ledger.book_unresolved(tmp_path, chapters)["key"]) == ["never_glued"]
    summary = ledger.summary(table, chapters)
    assert summary.to_dict("list") == {"chapter": ["demo", "empty"], "glued values": [4, 0]}


def test_ledger_fails_on_missing_notebook(tmp_path):
    chapters = {"demo": Chapter("demo", "chapters/demo.ipynb", (), ())}
    with pytest.raises(InputError, match="chapter 'demo': executed notebook not found"):
        ledger.ledger(tmp_path, chapters)


def test_duplicates_found():
    nb = make_notebook()
    nb.cells[5].outputs.append(glue_output("n_records", "93"))
    table = ledger.glued_values(nb, chapter="demo")
    assert list(ledger.duplicates(table)["value"]) == ["92", "93"]


def test_values_from_synthetic_data_are_marked_from_the_chapter_data_status_file(tmp_path):
    """The publisher lists a chapter's synthetic values in outputs/<chapter>/data_status.csv
    beside its notebook; the ledger's `data` column shows them, and only them, as synthetic."""
    (tmp_path / "chapters" / "outputs" / "demo").mkdir(parents=True)
    nbformat.write(make_notebook(), tmp_path / "chapters" / "demo.ipynb")
    nbformat.write(make_notebook(), tmp_path / "chapters" / "real.ipynb")
    (tmp_path / "chapters" / "outputs" / "demo" / "data_status.csv").write_text(
        "key,data_status\nn_records,synthetic\nshare,synthetic\n"
    )
    chapters = {
        "demo": Chapter("demo", "chapters/demo.ipynb", (), ()),
        "real": Chapter("real", "chapters/real.ipynb", (), ()),
    }
    table = ledger.ledger(tmp_path, chapters).set_index(["chapter", "key"])["data"]
    assert table["demo"].to_dict() == {
        "n_records": "synthetic",
        "share": "synthetic",
        "label": "not synthetic",
        "title": "not synthetic",
    }
    assert set(table["real"]) == {"not synthetic"}  # no file: a chapter on real data carries no mark


def test_data_status_file_with_a_wrong_header_is_an_input_error(tmp_path):
    path = tmp_path / "data_status.csv"
    path.write_text("name,status\nn,synthetic\n")
    with pytest.raises(InputError, match="required column missing"):
        ledger.data_statuses(path)
