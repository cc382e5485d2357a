"""Notebook hygiene: volatile metadata is stripped and writes are atomic."""

import nbformat
import pytest

from skillmix.pipeline import notebooks


def make_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "input_path": "/abs/path.ipynb"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.metadata.update(
        {"papermill": {"duration": 0.1}, "execution": {"iopub.status.idle": "2026"}, "tags": ["parameters"]}
    )
    del cell["id"]
    nb.cells = [cell, nbformat.v4.new_code_cell("x = 1")]
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    return nb


def test_strip_volatile_removes_timings_and_keeps_tags():
    nb = notebooks.strip_volatile(make_notebook())
    assert "papermill" not in nb.metadata
    assert nb.cells[0].metadata == {"tags": ["parameters"]}
    assert nb.cells[0]["id"] == "cell-0"
    assert nb.cells[1]["id"] == "injected-parameters", "papermill's random id must not reach the record"


def test_cell_sources_cover_every_cell_but_injected_parameters():
    nb = make_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("Some prose"))
    assert notebooks.cell_sources(nb) == [
        "\0".join(["code", "parameters", "1 + 1"]),
        "\0".join(["markdown", "", "Some prose"]),
    ]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "nb.ipynb"
    target.write_text("old")
    nb = notebooks.strip_volatile(make_notebook())
    nb.metadata["unserialisable"] = object()
    with pytest.raises(TypeError):
        notebooks.write_atomic(nb, target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["nb.ipynb"]
