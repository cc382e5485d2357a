"""Shared fixtures: a small project of its own for the pipeline's end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

CHAPTERS_YML = """
chapters:
  alpha:
    notebook: chapters/alpha.ipynb
    reads: [data/a.csv]
    parameters:
      n: {type: int, default: 2, min: 0, max: 100, help: a number}
      fail: {type: bool, default: false, help: raise an error in the last cell}
      pause: {type: float, default: 0, min: 0, max: 600, help: seconds to wait after writing the output}
  beta:
    notebook: chapters/beta.ipynb
    reads: [data/b.csv]
    parameters: {}
  gamma:
    notebook: chapters/gamma.ipynb
    reads: []
    depends_on: [alpha, beta]
    parameters: {}
"""


def _notebook(path: Path, name: str, params_src: str, check_src: str, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        nbformat.v4.new_code_cell(params_src),
        nbformat.v4.new_code_cell(check_src),
        nbformat.v4.new_code_cell(textwrap.dedent(body)),
    ]
    cells[1].metadata["tags"] = ["parameters"]
    for i, cell in enumerate(cells):
        cell["id"] = f"{name}-{i}"
    nb.cells = cells
    nbformat.write(nb, str(path))


def _data_package(folder: Path) -> None:
    """A data package describing the small project's two files (sizes and hashes computed)."""
    from skillmix.core import datapackage

    about = {
        "title": "test data",
        "description": "made by the tests",
        "sources": [{"title": "tests"}],
        "licenses": [{"name": "CC0-1.0"}],
        "retrieved": "2026-11-30",
    }
    resources = [{"name": name, "path": f"{name}.csv", **about} for name in ("a", "b")]
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "test-project", "resources": resources}))
    datapackage.refresh(descriptor)


@pytest.fixture
def project(tmp_path) -> Path:
    """A three-chapter project: alpha and beta are independent, gamma depends on both."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "chapters.yml").write_text(CHAPTERS_YML)
    (tmp_path / "data" / "a.csv").write_text("x\n1\n2\n")
    (tmp_path / "data" / "b.csv").write_text("y\n3\n")
    _data_package(tmp_path / "data")
    imports = "from skillmix.core import chapter_spec as params\n"
    _notebook(
        tmp_path / "chapters" / "alpha.ipynb",
        "alpha",
        "n = 2\nfail = False\npause = 0",
        imports + 'P = params.from_namespace("alpha", globals())',
        """
              import pandas as pd
              from skillmix.publish import Publisher, Table
              total = pd.read_csv(params.ROOT / "data" / "a.csv")["x"].sum() * P["n"]
              Publisher("alpha").save(Table(pd.DataFrame({"total": [total]}), name="total"))
              import time
              time.sleep(P["pause"])
              if P["fail"]:
                  raise RuntimeError("alpha was asked to fail")
              print("alpha total", total)
              """,
    )
    _notebook(
        tmp_path / "chapters" / "beta.ipynb",
        "beta",
        "",
        imports + 'params.from_namespace("beta", globals())',
        'print("beta rows", len(open(params.ROOT / "data" / "b.csv").readlines()))',
    )
    _notebook(
        tmp_path / "chapters" / "gamma.ipynb",
        "gamma",
        "",
        imports + 'params.from_namespace("gamma", globals())',
        'print("gamma sees", sorted(p.name for p in __import__("pathlib").Path(".").glob("*.ipynb")))',
    )
    return tmp_path


@pytest.fixture
def cli(project):
    """Run `python -m skillmix` inside the small project; return the completed process."""

    def run(*args):
        env = {**os.environ, "SKILLMIX_ROOT": str(project)}
        return subprocess.run(
            [sys.executable, "-m", "skillmix", *args], cwd=project, env=env, text=True, capture_output=True, timeout=600
        )

    return run
