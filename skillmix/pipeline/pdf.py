"""make pdf: the PDF edition of the whole book, printed by Debian's Chromium.

    python -m skillmix.pipeline.pdf [--book PATH]

1. builds the single-page HTML of the book (`jupyter-book build --builder singlehtml`);
2. prints it with `tools/browser/print_pdf.mjs` (cover, contents, print styles) to
   `_build/pdf/<book>.pdf`, where <book> is the book's title up to its first colon, as a slug;
3. checks the PDF (`pdf_check`) and fails naming each problem;
4. copies it to `_build/html/<book>.pdf` and adds a "PDF edition" note to the landing page of
   the HTML build, when there is one (the note is written into the built page only, so the
   book's sources and `jupyter-book build -W` never depend on the PDF existing).
Why Chromium and not LaTeX or WeasyPrint: docs/decisions/0004-pdf-route.md.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..core.paths import ROOT
from . import pdf_check

TOOLS = ROOT / "tools" / "browser"
NOTE_START = "<!-- pdf-edition -->"
NOTE_END = "<!-- /pdf-edition -->"


def book_config(book: Path) -> dict:
    return yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8")) or {}


def pdf_name(title: str) -> str:
    """File name of the PDF: the title up to its first colon, as a lower-case slug."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.split(":")[0].lower()).strip("-")
    return f"{slug or 'book'}.pdf"


def _git(book: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(book), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def provenance(book: Path, today: datetime.date | None = None) -> dict:
    """The commit the book is built from and its date; "uncommitted" when the tree has changes
    (then the date is today's, since no commit holds what is printed)."""
    head = _git(book, "rev-parse", "--short", "HEAD")
    if head is None:
        return {"commit": "none (not a git checkout)", "date": long_date(today or datetime.date.today())}
    if _git(book, "status", "--porcelain"):
        return {"commit": f"uncommitted (changes on top of {head})", "date": long_date(today or datetime.date.today())}
    day = datetime.date.fromisoformat(_git(book, "log", "-1", "--format=%cs"))
    return {"commit": head, "date": long_date(day)}


def root_document(book: Path) -> str:
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    return str(toc["root"])


def build_single_page(book: Path, log=print) -> Path:
    """Build the single-page HTML; return the page to print (in a folder where its assets resolve)."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(book), "--builder", "singlehtml", "--keep-going"]
    log(f"Building the single-page book: jupyter-book build {book} --builder singlehtml")
    done = subprocess.run(command, cwd=book, text=True, capture_output=True)
    out = book / "_build" / "singlehtml"
    page = out / f"{root_document(book)}.html"
    if done.returncode != 0 or not page.exists():
        log(done.stdout[-20000:])
        log(done.stderr[-20000:])
        raise SystemExit(f"make pdf: the single-page build failed (exit {done.returncode}); see the messages above.")
    # Sphinx writes the single page at the root document's path (chapters/intro.html) but with
    # asset paths relative to the build's root (_static/...): print a copy where they resolve.
    text = page.read_text(encoding="utf-8")
    sheet = re.search(r'<link[^>]+href="([^"?#]+\.css)', text)
    if sheet and not (page.parent / sheet.group(1)).exists() and (out / sheet.group(1)).exists():
        copy = out / "pdf-source.html"
        copy.write_text(text, encoding="utf-8")
        return copy
    return page


def run_printer(page: Path, meta: dict, pdf: Path, report: Path) -> int:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    meta_file = pdf.with_suffix(".meta.json")
    meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    command = ["bash", str(TOOLS / "run"), "print_pdf.mjs", "--page", str(page), "--meta", str(meta_file)]
    command += ["--out", str(pdf), "--report", str(report)]
    return subprocess.run(command).returncode


def landing_note(pdf_href: str, pages: int, size: int, commit: str) -> str:
    return (
        f'{NOTE_START}<p class="pdf-edition"><strong>PDF edition:</strong> the whole book as one file, '
        f'<a href="{html.escape(pdf_href)}" download>{html.escape(Path(pdf_href).name)}</a> '
        f"({pages} pages, {size / 1e6:.1f} MB; built from commit {html.escape(commit)}).</p>{NOTE_END}"
    )


def publish(pdf: Path, book: Path, pages: int, commit: str, log=print) -> Path | None:
    """Copy the PDF into the HTML build and put a note with a link to it on the landing page."""
    site = book / "_build" / "html"
    landing = site / f"{root_document(book)}.html"
    if not landing.exists():
        log(f"No HTML build at {site}: the PDF is not linked from the landing page (run make book, then make pdf).")
        return None
    target = site / pdf.name
    shutil.copyfile(pdf, target)
    text = landing.read_text(encoding="utf-8")
    text = re.sub(re.escape(NOTE_START) + ".*?" + re.escape(NOTE_END), "", text, flags=re.S)
    href = Path("../" * (len(Path(root_document(book)).parts) - 1) + pdf.name).as_posix()
    note = landing_note(href, pages, pdf.stat().st_size, commit)
    # Inside the article: before its first subsection (after the title, the opening paragraphs
    # and the scope box), or after the title when the page has no subsection.
    article = text.find("<article")
    title = re.compile(r"</h1>").search(text, article) if article >= 0 else None
    if title is None:
        log(f"{landing}: no title in its article to put the PDF note after; the PDF is at {target}")
        return target
    section = re.compile(r"<section\b").search(text, title.end())
    at = section.start() if section else title.end()
    text = text[:at] + note + text[at:]
    landing.write_text(text, encoding="utf-8")
    return target


def make_pdf(book: Path, log=print) -> int:
    started = time.monotonic()
    missing = pdf_check.missing_tools()
    if missing:
        log(f"make pdf: missing {', '.join(missing)} (Debian: apt-get install -y poppler-utils chromium)")
        return 3
    config = book_config(book)
    title = str(config.get("title") or "Book")
    main_title, _, subtitle = title.partition(":")
    meta = {
        "title": main_title.strip(),
        "subtitle": subtitle.strip()[:1].upper() + subtitle.strip()[1:],
        "author": str(config.get("author") or ""),
        "runningTitle": main_title.strip(),
        **provenance(book),
    }
    page = build_single_page(book, log)
    pdf = book / "_build" / "pdf" / pdf_name(title)
    report = pdf.with_suffix(".json")
    code = run_printer(page, meta, pdf, report)
    if code == 3:
        return 3  # the runner has said what to install
    if code not in (0, 1) or not pdf.exists():
        log(f"make pdf: printing failed (exit {code})")
        return 1
    printed = json.loads(report.read_text(encoding="utf-8"))
    problems = pdf_check.check_pdf(pdf, book, printed["cells"])
    if code == 1:
        problems = printed["problems"] + problems
    facts = pdf_check.summary(pdf)
    seconds = time.monotonic() - started
    log(
        f"PDF: {pdf.relative_to(book)}: {facts['pages']} pages, {facts['bytes'] / 1e6:.1f} MB, "
        f"{facts['images']} images, {facts['internal_links']} internal links; {seconds:.0f} s in all"
    )
    if problems:
        for problem in problems:
            log(f"  problem: {problem}")
        log(f"make pdf: FAILED with {len(problems)} problem(s); the PDF is kept for inspection, not published.")
        return 1
    target = publish(pdf, book, facts["pages"], meta["commit"], log)
    if target is not None:
        log(f"Linked from the landing page: {target.relative_to(book)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skillmix.pipeline.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--book", type=Path, default=ROOT, help="the book's folder (default: the project root)")
    args = parser.parse_args(argv)
    return make_pdf(args.book.resolve())


if __name__ == "__main__":
    sys.exit(main())
