"""The tables of the built book, as a reader meets them: every table has a caption, no header
or cell holds a snake_case code or an unformatted number, every header is <th scope="col">,
every table of the book's style links its CSV and the file is in the build, and every link
from a table to a References entry lands on one (`skillmix.publish.checks.book_problems`).

`book_problems(html_dir)` is the whole check; run it on any build folder, e.g. after `make
book`: `python -c "from skillmix.publish.checks import book_problems; print(book_problems('_build/html'))"`.
The test here builds a scratch copy of the book from the committed notebooks (slow)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skillmix.core.paths import ROOT
from skillmix.publish.checks import book_problems, table_count

BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib", "chapters", "_static")


def build_copy(target: Path) -> Path:
    """Build a copy of the book (committed notebooks and outputs) in `target`; its HTML folder."""
    for name in BOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    done = subprocess.run(
        [str(jupyter_book), "build", str(target), "--keep-going"], cwd=ROOT, text=True, capture_output=True
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    return target / "_build" / "html"


@pytest.mark.slow
def test_every_table_of_the_built_book_reads_as_a_reader_meets_it(tmp_path):
    html = build_copy(tmp_path)
    assert book_problems(html) == []
    workforce = (html / "chapters" / "01_workforce.html").read_text(encoding="utf-8")
    assert table_count(workforce) >= 7
    assert re.search(
        r'<a class="reference download internal" download="" href="\.\./_downloads/\w+/sources\.csv"', workforce
    )
    assert 'id="tbl-workforce-sources"' in workforce and "_static/tables.css" in workforce
