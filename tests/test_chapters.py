"""The committed chapter notebooks follow the book's conventions (CONTRIBUTING.md)."""

import json
import re

import nbformat
import pytest

from skillmix.core import chapter_spec as params
from skillmix.core.paths import ROOT

CHAPTERS = list(params.chapters())
VOLATILE = re.compile(r"(/work/|/tmp/|/root/|/home/|0x[0-9a-f]{8,}|\d{4}-\d\d-\d\dT\d\d:\d\d)")
FIGURE = re.compile(r"```\{figure\} (\S+)\n(.*?)```", re.S)


def notebook(name):
    return nbformat.read(ROOT / params.chapter(name).notebook, as_version=4)


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_code_on_a_readers_page(name):
    """Readers see narrative and results: every code cell is removed (`remove-cell`) or shows
    only its output (`remove-input`), the parameters cell included; reviewers follow the
    page's source-notebook link instead."""
    cells = notebook(name).cells
    for cell in cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            assert "remove-cell" in tags or "remove-input" in tags, f"{name}: code shown: {cell.source[:60]!r}"
            if "parameters" in tags:
                assert "remove-cell" in tags, f"{name}: the parameters cell is on the page"
    assert "Source notebook" in cells[-1].source and params.chapter(name).notebook.split("/")[-1] in cells[-1].source


@pytest.mark.parametrize("name", CHAPTERS)
def test_outputs_are_clean_and_stable(name):
    nb = notebook(name)
    assert "papermill" not in nb.metadata
    for cell in nb.cells:
        assert "execution" not in cell.metadata and "papermill" not in cell.metadata
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{name}: error output committed"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), (
                f"{name}: stderr output committed: {output['text'][:200]}"
            )
            text = json.dumps({k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")}) + str(
                output.get("text", "")
            )
            found = VOLATILE.search(text)
            assert not found, f"{name}: volatile text {found.group(0)!r} in an output"


@pytest.mark.parametrize("name", CHAPTERS)
def test_figures_have_alt_text_and_their_data(name):
    folder = (ROOT / params.chapter(name).notebook).parent
    for cell in notebook(name).cells:
        if cell.cell_type != "markdown":
            continue
        for path, body in FIGURE.findall(cell.source):
            assert (folder / path).is_file(), f"{name}: figure {path} missing"
            assert ":alt:" in body, f"{name}: figure {path} has no alt text"
            downloads = re.findall(r"\{download\}`[^`]*<([^>]+)>`", body)
            assert downloads and all((folder / d).is_file() for d in downloads), (
                f"{name}: figure {path} has no downloadable data (CSV) beside it"
            )


@pytest.mark.parametrize("name", CHAPTERS)
def test_parameters_reach_the_facade_without_being_restated(name):
    """Parameter names are written only in chapters.yml and the parameters cell: the notebook
    hands its namespace to its façade (`from_notebook(globals())`, which takes every declared
    name), and no later code cell names a parameter, so an override cannot be lost on the way."""
    declared = params.chapter(name).parameters
    code = [c.source for c in notebook(name).cells if c.cell_type == "code"]
    tags = [c.metadata.get("tags", []) for c in notebook(name).cells if c.cell_type == "code"]
    first = next(i for i, t in enumerate(tags) if "parameters" in t) + 1
    assert re.search(r"\w+Chapter\.from_notebook\(globals\(\)\)", code[first]), (
        f"{name}: façade not built from globals()"
    )
    for source in code[first:]:
        for parameter in declared:
            assert not re.search(rf"\b{parameter}\b", source), (
                f"{name}: parameter {parameter!r} restated: {source[:80]!r}"
            )
