"""Starting a chapter's kernel early: what it preloads, and that preloading binds no name."""

import sys

import nbformat

from skillmix.pipeline import early_start


def _notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title")]
    nb.cells.append(nbformat.v4.new_code_cell("focus = 'both'", metadata={"tags": ["parameters"]}))
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_the_modules_of_the_setup_cell_in_order_without_repeats():
    nb = _notebook(
        "from skillmix.publish import Publisher\nimport pandas as pd, json\nfrom skillmix.publish import Table\n"
        "chapter = 1",
        "import statistics",  # a later cell: not preloaded
    )
    assert early_start.setup_modules(nb) == ("skillmix.publish", "pandas", "json")


def test_relative_imports_and_unparsable_cells_preload_nothing():
    assert early_start.setup_modules(_notebook("from . import x")) == ()
    assert early_start.setup_modules(_notebook("import (")) == ()
    assert early_start.setup_modules(_notebook()) == ()


def test_preloading_imports_into_the_kernel_but_binds_no_name_and_ignores_failures():
    sys.modules.pop("colorsys", None)
    namespace = {}
    exec(early_start.preload_code(("colorsys", "no_such_module_for_this_test")), namespace)
    assert set(namespace) == {"__builtins__"}
    assert "colorsys" in sys.modules


def test_a_status_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(early_start, "TMP", tmp_path)
    early_start.report("123", "survey", "executed")
    assert early_start.status_file("123", "survey").read_text() == "executed"
    assert [p.name for p in tmp_path.iterdir()] == ["123-survey.status"]
