"""The PDF edition (make pdf): naming, provenance, what the checks look for, the landing-page
link, a whole small book printed end to end, and the project's own PDF when it has been built."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skillmix.core.paths import ROOT
from skillmix.pipeline import pdf, pdf_check

POPPLER = not pdf_check.missing_tools()
BROWSER = (
    Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists() and shutil.which("node") and shutil.which("npm")
)
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed (apt-get install -y poppler-utils)")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _notebook(path: Path, *markdown: str) -> None:
    cells = [
        {"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": text} for i, text in enumerate(markdown)
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.fixture
def book(tmp_path) -> Path:
    _write(
        tmp_path / "_config.yml",
        """
        title: "A small book: its subtitle"
        author: Someone
        execute:
          execute_notebooks: "off"
        only_build_toc_files: true
        """,
    )
    _write(
        tmp_path / "_toc.yml",
        """
        format: jb-book
        root: intro
        parts:
          - caption: Analysis
            numbered: true
            chapters:
              - file: one
              - file: two
        """,
    )
    _write(
        tmp_path / "intro.md",
        """
        # A small book

        ```{important}
        **Scope:** the book does not judge the merits of any profession. **The survey data are
        synthetic:** made-up responses stand in for the real ones.
        ```

        ## What it covers

        Two chapters: {doc}`one` and {doc}`two`.
        """,
    )
    _notebook(tmp_path / "one.ipynb", "# The first chapter\n\nSee {numref}`fig-bars`.", "## Settings\n\nText.")
    return tmp_path


def test_pdf_name_is_the_title_before_its_colon_as_a_slug():
    assert pdf.pdf_name("Changing the mix of professions in NHS services: a reproducible analysis") == (
        "changing-the-mix-of-professions-in-nhs-services.pdf"
    )
    assert pdf.pdf_name("!!!") == "book.pdf"


def test_chapter_titles_come_from_every_document_in_the_toc(book):
    _write(book / "two.md", "# The second chapter, as of {glue:text}`when`\n\nText.\n")
    assert pdf_check.chapter_titles(book) == ["A small book", "The first chapter", "The second chapter, as of"]


def test_scope_statement_from_a_bold_label_or_a_scope_section(book):
    assert pdf_check.scope_statement(book) == "the book does not judge the merits of any profession."
    _write(
        book / "intro.md",
        """
        # A small book

        ## Scope

        ```{important}
        This book does not judge the merits of individual professions, and it does not say
        what the right balance is. It reports what evidence says.
        ```
        """,
    )
    assert pdf_check.scope_statement(book) == (
        "This book does not judge the merits of individual professions, and it does not say what the right balance is."
    )
    _write(book / "intro.md", "# A small book\n\nNo statement here.\n")
    assert pdf_check.scope_statement(book) is None


def test_normalise_and_squeeze_ignore_typography_and_line_breaks():
    assert pdf_check.normalise("The study’s “ﬁrst”\n  result – here") == 'the study\'s "first" result - here'
    assert pdf_check.squeeze("superseded_\noriginal") == "superseded_original"


def test_pdf_names_in_links_are_decoded():
    assert pdf_check._pdf_name(b"document-chapters#2F01_workforce") == "document-chapters/01_workforce"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": "2026-03-04T10:00:00",
        "GIT_AUTHOR_DATE": "2026-03-04T10:00:00",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def test_provenance_names_the_commit_or_says_uncommitted(book):
    today = datetime.date(2026, 12, 1)
    assert pdf.provenance(book, today)["commit"].startswith("none")
    _git(book, "init", "-q")
    _git(book, "add", ".")
    _git(book, "commit", "-q", "-m", "first")
    head = _git(book, "rev-parse", "--short", "HEAD")
    assert pdf.provenance(book, today) == {"commit": head, "date": "4 March 2026"}
    (book / "intro.md").write_text("# Changed\n", encoding="utf-8")
    assert pdf.provenance(book, today) == {
        "commit": f"uncommitted (changes on top of {head})",
        "date": "1 December 2026",
    }


def test_publish_copies_the_pdf_and_puts_one_note_on_the_landing_page(book):
    landing = _write(
        book / "_build" / "html" / "intro.html",
        """
        <div class="onlyprint"><h1>Print header</h1></div>
        <article class="bd-article"><section id="a"><h1>A small book</h1><p>Opening.</p>
        <section id="b"><h2>What it covers</h2></section></section></article>
        """,
    )
    made = book / "_build" / "pdf" / "a-small-book.pdf"
    made.parent.mkdir(parents=True)
    made.write_bytes(b"%PDF-1.4 test")
    for _ in range(2):
        target = pdf.publish(made, book, pages=12, commit="abc1234", log=lambda _: None)
    assert target == book / "_build" / "html" / "a-small-book.pdf" and target.read_bytes() == made.read_bytes()
    text = landing.read_text(encoding="utf-8")
    assert text.count(pdf.NOTE_START) == 1
    assert text.index("<p>Opening.</p>") < text.index(pdf.NOTE_START) < text.index('<section id="b">')
    assert 'href="a-small-book.pdf"' in text and "12 pages" in text and "abc1234" in text


def test_publish_without_an_html_build_only_says_so(book):
    messages = []
    assert pdf.publish(book / "x.pdf", book, 1, "abc", log=messages.append) is None
    assert "No HTML build" in messages[0]


def _mpl_pdf(path: Path, pages: list[str], image_dpi: int | None = None) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages

    # matplotlib's own defaults, not the book's style (applied when skillmix.core.style is imported)
    with matplotlib.style.context("default"), PdfPages(path) as out:
        for i, text in enumerate(pages):
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.1, 0.9, text, wrap=True)
            if image_dpi and i == 1:
                fig.figimage(np.zeros((100, 400)), xo=50, yo=50)
                out.savefig(fig, dpi=image_dpi)
            else:
                out.savefig(fig)
            plt.close(fig)
    return path


@needs_poppler
def test_check_pdf_finds_a_missing_title_a_missing_cover_statement_and_a_low_resolution_image(book, tmp_path):
    _write(book / "two.md", "# The second chapter\n")
    cover = "Built from commit abc. the book does not judge the merits of any profession. synthetic."
    good = _mpl_pdf(
        tmp_path / "good.pdf", [cover, "A small book", "The first chapter", "The second chapter", "end"], 300
    )
    problems = pdf_check.check_pdf(good, book)
    assert [p for p in problems if "link" not in p] == []  # matplotlib writes no internal links
    bad = _mpl_pdf(tmp_path / "bad.pdf", ["A small book", "The first chapter"], image_dpi=72)
    problems = "\n".join(pdf_check.check_pdf(bad, book))
    assert "chapter title not in the text: 'The second chapter'" in problems
    assert "does not carry the scope statement" in problems
    assert "does not say that survey data are synthetic" in problems
    assert "does not name the commit" in problems
    assert "prints at 72 dpi, below 200" in problems
    assert "2 pages, expected 5 to" in problems


@needs_poppler
def test_check_pdf_finds_table_cells_missing_from_the_text(book, tmp_path):
    _write(book / "two.md", "# The second chapter\n")
    printed = _mpl_pdf(tmp_path / "t.pdf", ["A small book The first chapter The second chapter kept"])
    problems = pdf_check.check_pdf(printed, book, ["kept", "cut\noff"])
    assert "table cell missing from the text (cut off?): 'cut\\noff'" in problems
    assert not any("'kept'" in p for p in problems)


@pytest.mark.slow
@pytest.mark.skipif(not (POPPLER and BROWSER), reason="needs Chromium, Node.js, npm and poppler-utils")
def test_a_small_book_prints_with_cover_contents_landscape_table_and_link(book):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(["a", "b"], [1, 2])
    (book / "bars.png").parent.mkdir(exist_ok=True)
    fig.savefig(book / "bars.png", dpi=150)
    wide = (
        "| "
        + " | ".join(f"column_name_{i}" for i in range(16))
        + " |\n|"
        + "---|" * 16
        + "\n| "
        + " | ".join(f"value_{i}_long" for i in range(16))
        + " |\n"
    )
    _write(
        book / "two.md",
        "# The second chapter\n\n```{figure} bars.png\n:name: fig-bars\n:alt: Two bars.\n\nBars.\n```\n\n"
        "## Settings\n\nA wide table:\n\n" + wide,
    )
    subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book)], check=True, capture_output=True
    )
    assert pdf.make_pdf(book, log=lambda _: None) == 0
    made = book / "_build" / "pdf" / "a-small-book.pdf"
    report = json.loads(made.with_suffix(".json").read_text(encoding="utf-8"))
    assert report["problems"] == []
    assert report["scope"] == "The book does not judge the merits of any profession."
    assert report["synthetic"].startswith("The survey data are synthetic: made-up responses")
    assert [e["text"] for e in report["contents"]][:3] == ["A small book", "1. The first chapter", "1.1. Settings"]
    assert report["tables"]["tooWide"] == []
    assert len(report["tables"]["landscape"]) + len(report["tables"]["squeezed"]) == 1  # 16 columns: landscape
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(made), "-"], capture_output=True, text=True).stdout
    assert "Built from commit" in text and "synthetic" in text
    assert 'href="a-small-book.pdf"' in (book / "_build" / "html" / "intro.html").read_text(encoding="utf-8")


def test_the_project_pdf_when_built():
    """The project's own PDF edition (make pdf): every check of pdf_check passes. Skipped until
    make pdf has run; SKILLMIX_REQUIRE_PDF=1 (CI, after make pdf) makes a missing PDF a failure."""
    made = ROOT / "_build" / "pdf" / pdf.pdf_name(str(pdf.book_config(ROOT).get("title", "")))
    if not made.exists() or not POPPLER:
        if os.environ.get("SKILLMIX_REQUIRE_PDF") == "1":
            pytest.fail(f"no PDF at {made} (run make pdf) or poppler-utils missing")
        pytest.skip("no PDF edition built yet (make pdf)")
    printed = json.loads(made.with_suffix(".json").read_text(encoding="utf-8"))
    assert pdf_check.check_pdf(made, ROOT, printed["cells"]) == []
