"""Checks of the PDF edition, with poppler-utils (pdftotext, pdfinfo, pdfimages).

`check_pdf` returns a list of problems (empty when the PDF is fine): every chapter title, the
scope statement and "synthetic" are in its text and on the cover; its page count is in range;
every internal link leads to a destination in the file and no link points at a local file;
every raster image prints at 200 dpi or more; every table cell as laid out for printing is in
the text (a table cut off at the page edge loses cells); it is at most 20 MB.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

POPPLER = ("pdftotext", "pdfinfo", "pdfimages")
MAX_BYTES = 20_000_000  # "at most 20 MB"
MIN_DPI = 200
# The whole book prints to about 170 A4 pages (README, benchmarks). Fewer than one page per
# document plus cover and contents means chapters were lost; more than MAX_PAGES means the
# layout broke (a table a row per page, images a page each).
MAX_PAGES = 400


def missing_tools() -> list[str]:
    return [tool for tool in POPPLER if shutil.which(tool) is None]


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def normalise(text: str) -> str:
    """Text as compared: NFKC (ligatures), plain quotes and dashes, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    for fancy, plain in (("‘’‚‛", "'"), ("“”„‟", '"'), ("‐‑‒–—―", "-")):
        text = re.sub(f"[{fancy}]", plain, text)
    return re.sub(r"\s+", " ", text).strip().lower()


def squeeze(text: str) -> str:
    """Normalised text without any whitespace (line breaks inside table cells do not matter)."""
    return re.sub(r"\s+", "", normalise(text))


# ---- what the book says it contains ---------------------------------------------------------


def _toc_files(book: Path) -> list[str]:
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []) or []:
                    walk(child)

    walk(toc)
    return files


def _source(book: Path, doc: str) -> str:
    """The markdown of one document of the book (a .md file, or a notebook's markdown cells)."""
    for suffix in (".md", ".ipynb"):
        path = book / f"{doc}{suffix}"
        if path.exists():
            if suffix == ".md":
                return path.read_text(encoding="utf-8")
            notebook = json.loads(path.read_text(encoding="utf-8"))
            return "\n\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    raise FileNotFoundError(f"{doc}: no .md or .ipynb in {book}")


def _plain(markdown: str) -> str:
    """Markdown inline text without emphasis, roles and links' targets."""
    text = re.sub(r"\{[\w:-]+\}`([^`<]*)(<[^`]*>)?`", lambda m: m.group(1).strip(), markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def chapter_titles(book: Path) -> list[str]:
    """The first heading of every document in `_toc.yml` (a title with a glued value: the text before it)."""
    titles = []
    for doc in _toc_files(book):
        match = re.search(r"^#\s+(.+)$", _source(book, doc), re.M)
        if not match:
            raise ValueError(f"{doc}: no '# Title' heading")
        title = match.group(1).split("{glue")[0]
        titles.append(_plain(title).rstrip(" :-"))
    return titles


def scope_statement(book: Path) -> str | None:
    """The first sentence of the landing page's scope statement ("**Scope.** ..." or a "## Scope" section)."""
    source = _source(book, _toc_files(book)[0])
    match = re.search(r"\*\*Scope[.:]?\*\*[.:]?\s*(.+?)(?:\n\s*\n|\n```|\n:::|$)", source, re.S)
    if not match:
        section = re.search(r"^#+\s*Scope\s*$(.+?)(?=^#|\Z)", source, re.S | re.M)
        if not section:
            return None
        body = [line for line in section.group(1).splitlines() if not re.match(r"\s*(```|:::|:\w+:)", line)]
        match = re.search(r"(\S.+?)(?:\n\s*\n|$)", "\n".join(body), re.S)
        if not match:
            return None
    text = re.sub(r"\s+", " ", _plain(match.group(1)))
    sentence = re.match(r"(.+?[.!?])(\s|$)", text)
    return sentence.group(1) if sentence else text


# ---- what the PDF contains ------------------------------------------------------------------


@dataclass
class PdfFacts:
    pages: int
    size: int
    text: str  # the whole text, normalised
    squeezed: str  # the whole text without whitespace
    cover: str  # page 1, normalised
    destinations: set[str]
    internal_links: list[str]
    file_links: list[str]
    images: list[dict]


def _pdf_name(raw: bytes) -> str:
    """A PDF name object's text (#XX escapes decoded)."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("utf-8", "replace")


def read_pdf(pdf: Path) -> PdfFacts:
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    # -raw: content-stream order, which is DOM order in a Chromium PDF, so a table cell stays whole.
    raw_text = _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")
    cover = _run("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-")
    dests = set()
    for line in _run("pdfinfo", "-dests", str(pdf)).splitlines():
        match = re.match(r'\s*\d+\s+\[.*\]\s+"(.*)"\s*$', line)
        if match:
            dests.add(match.group(1))
    raw = pdf.read_bytes()
    internal = [_pdf_name(m) for m in re.findall(rb"/Dest\s*/([^\s/>\]\[()]+)", raw)]
    internal += [m.decode("latin-1") for m in re.findall(rb"/Dest\s*\(([^)]*)\)", raw)]
    file_links = [m.decode("latin-1") for m in re.findall(rb"/URI\s*\((file:[^)]*)\)", raw)]
    images = []
    for line in _run("pdfimages", "-list", str(pdf)).splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 14 and cols[2] != "smask":
            images.append(
                {
                    "page": int(cols[0]),
                    "width": int(cols[3]),
                    "height": int(cols[4]),
                    "x_ppi": int(cols[12]),
                    "y_ppi": int(cols[13]),
                }
            )
    return PdfFacts(
        pages=pages,
        size=len(raw),
        text=normalise(text),
        squeezed=squeeze(raw_text),
        cover=normalise(cover),
        destinations=dests,
        internal_links=internal,
        file_links=file_links,
        images=images,
    )


def check_pdf(pdf: Path, book: Path, cells: list[str] | None = None, *, max_pages: int = MAX_PAGES) -> list[str]:
    """Problems with the PDF edition of `book` (empty when there are none); `cells` are the texts
    of the table cells as laid out for printing (print_pdf.mjs reports them), all of which must be
    in the PDF's text."""
    facts = read_pdf(pdf)
    problems = []
    titles = chapter_titles(book)
    for title in titles:
        if normalise(title) not in facts.text:
            problems.append(f"chapter title not in the text: {title!r}")
    scope = scope_statement(book)
    if scope is None:
        problems.append("the landing page has no scope statement to look for")
    else:
        if normalise(scope) not in facts.text:
            problems.append(f"scope statement not in the text: {scope!r}")
        if normalise(scope) not in facts.cover:
            problems.append("the cover (page 1) does not carry the scope statement")
    if "synthetic" not in facts.text:
        problems.append('the word "synthetic" is not in the text')
    if "synthetic" not in facts.cover:
        problems.append("the cover (page 1) does not say that survey data are synthetic")
    if "commit" not in facts.cover:
        problems.append("the cover (page 1) does not name the commit it was built from")
    min_pages = len(titles) + 2
    if not min_pages <= facts.pages <= max_pages:
        problems.append(f"{facts.pages} pages, expected {min_pages} to {max_pages}")
    if facts.size > MAX_BYTES:
        problems.append(f"{facts.size / 1e6:.1f} MB, more than {MAX_BYTES / 1e6:.0f} MB")
    if len(facts.internal_links) < len(titles):
        problems.append(f"only {len(facts.internal_links)} internal links (the contents alone has {len(titles)})")
    broken = sorted({name for name in facts.internal_links if name not in facts.destinations})
    if broken:
        problems.append(f"{len(broken)} internal link(s) lead nowhere: {', '.join(broken[:5])}")
    if facts.file_links:
        problems.append(
            f"{len(facts.file_links)} link(s) to local files, which a PDF reader cannot open: {facts.file_links[0]}"
        )
    low = [i for i in facts.images if min(i["x_ppi"], i["y_ppi"]) < MIN_DPI - 1]
    for image in low[:10]:
        problems.append(
            f"image on page {image['page']} ({image['width']}x{image['height']} px) prints at "
            f"{min(image['x_ppi'], image['y_ppi'])} dpi, below {MIN_DPI}"
        )
    if cells is not None:
        missing = [cell for cell in dict.fromkeys(cells) if squeeze(cell) not in facts.squeezed]
        for cell in missing[:10]:
            problems.append(f"table cell missing from the text (cut off?): {cell.strip()[:80]!r}")
        if len(missing) > 10:
            problems.append(f"... and {len(missing) - 10} more table cells missing")
    return problems


def summary(pdf: Path) -> dict:
    facts = read_pdf(pdf)
    return {
        "pages": facts.pages,
        "bytes": facts.size,
        "images": len(facts.images),
        "internal_links": len(facts.internal_links),
    }
