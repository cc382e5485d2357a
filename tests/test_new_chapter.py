"""A newcomer adds a chapter by following CONTRIBUTING.md ("Adding a chapter") and nothing else:
a declaration in chapters.yml, a façade class, and a thin notebook that hands what the façade
returns to the publishing layer. The pipeline runs it, and a parameter override reaches it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import nbformat
import pytest

pytestmark = pytest.mark.slow

CHAPTERS_YML = """
chapters:
  demo:
    notebook: chapters/demo.ipynb
    reads: [data/demo/*]
    parameters:
      scale: {type: int, default: 2, min: 1, max: 10, help: multiplies every count}
"""

# Step 1 of CONTRIBUTING.md also describes the data file in data/datapackage.json.
DATA_PACKAGE = {
    "name": "demo",
    "resources": [
        {
            "name": "demo-counts",
            "path": "demo/counts.csv",
            "title": "Demo counts",
            "description": "Two groups and a count each, made for this test.",
            "sources": [{"title": "written for the test"}],
            "licenses": [{"name": "CC0-1.0"}],
            "retrieved": "2026-11-30",
        }
    ],
}

# Step 2 of CONTRIBUTING.md: the façade (in the real project: skillmix/<domain>/chapter.py).
FACADE = '''
"""Façade of the demo chapter: the only thing its notebook calls."""
import matplotlib.pyplot as plt
import pandas as pd

from skillmix.core import chapter_spec
from skillmix.core.artifacts import Figure, Table
from skillmix.core.csv_input import read_csv
from skillmix.core.paths import DATA


class DemoChapter:
    """Counts from data/demo/counts.csv, scaled by the `scale` parameter."""
    NAME = "demo"

    def __init__(self, params: dict):
        self.params = params
        counts = read_csv(DATA / "demo" / "counts.csv", ["group", "n"], what="demo counts", text=False)
        self.counts = counts.assign(scaled=counts["n"] * params["scale"])

    @classmethod
    def from_notebook(cls, namespace: dict) -> "DemoChapter":
        return cls(chapter_spec.from_namespace(cls.NAME, namespace))

    def values(self) -> dict:
        return {"demo_total": int(self.counts["scaled"].sum())}

    def table(self) -> Table:
        return Table(
            self.counts.rename(columns={"group": "Group", "scaled": "Scaled count"}),
            name="counts",
            caption="Scaled counts by group",
            source="Demo counts (data/demo/counts.csv).",
        )

    def figure(self) -> Figure:
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.bar(self.counts["group"], self.counts["scaled"])
        return Figure(fig, self.counts, "counts_bar")
'''

# Step 3 of CONTRIBUTING.md: the notebook.
CELLS = [
    ("markdown", "# Demo", []),
    ("code", "scale = 2", ["parameters"]),
    (
        "code",
        "from skillmix.publish import Publisher\nfrom demo_chapter import DemoChapter\n\n"
        "chapter = DemoChapter.from_notebook(globals())\nout = Publisher(chapter.NAME)",
        ["remove-cell"],
    ),
    ("code", "out.glue(chapter.values())", ["remove-cell"]),
    ("markdown", "The scaled total is {glue:text}`demo_total`.", []),
    ("code", "out.figure(chapter.figure())", ["remove-cell"]),
    ("code", "out.table(chapter.table())", ["remove-input"]),
]


@pytest.fixture
def demo_project(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "data" / "demo").mkdir(parents=True)
    (tmp_path / "data" / "demo" / "counts.csv").write_text("group,n\na,1\nb,4\n")
    (tmp_path / "data" / "datapackage.json").write_text(json.dumps(DATA_PACKAGE))
    (tmp_path / "chapters.yml").write_text(CHAPTERS_YML)
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "demo_chapter.py").write_text(textwrap.dedent(FACADE))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, (kind, source, tags) in enumerate(CELLS):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = tags
        cell["id"] = f"demo-{i}"
        nb.cells.append(cell)
    nbformat.write(nb, str(tmp_path / "chapters" / "demo.ipynb"))
    return tmp_path


def run(project, *args):
    env = {
        **os.environ,
        "SKILLMIX_ROOT": str(project),
        "PYTHONPATH": os.pathsep.join([str(project / "code"), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "skillmix", *args], cwd=project, env=env, text=True, capture_output=True, timeout=600
    )


def test_a_new_chapter_runs_and_an_override_reaches_it(demo_project):
    described = run(demo_project, "datapackage")  # step 1: sizes, hashes and schema recorded
    assert described.returncode == 0, described.stdout + described.stderr
    default = run(demo_project, "run", "--no-build")
    assert default.returncode == 0, default.stderr
    outputs = demo_project / "chapters" / "outputs" / "demo"
    assert (outputs / "counts.csv").read_text() == "Group,n,Scaled count\na,1,2\nb,4,8\n"
    assert (outputs / "counts_bar.svg").is_file()
    committed = (demo_project / "chapters" / "demo.ipynb").read_bytes()
    assert b"demo_total" in committed

    override = run(demo_project, "run", "-p", "scale", "3", "--name", "tripled", "--no-build")
    assert override.returncode == 0, override.stderr
    run_outputs = demo_project / "_build" / "runs" / "tripled" / "chapters" / "outputs" / "demo"
    assert (run_outputs / "counts.csv").read_text() == "Group,n,Scaled count\na,1,3\nb,4,12\n"
    assert (outputs / "counts.csv").read_text() == "Group,n,Scaled count\na,1,2\nb,4,8\n"  # untouched
    assert (demo_project / "chapters" / "demo.ipynb").read_bytes() == committed
