"""Checks of the tables in a built book (`_build/html`): what a reader meets, whatever made it.

`book_problems(html_dir)` lists, page by page, every table that breaks the book's table style:

* a table without a caption (or with an empty one);
* a header cell that is not `<th scope="col">` in the table's head;
* a header or cell whose text (outside links and `<code>`) holds a snake_case code
  (`primary_research`) or an unformatted number: a float with four or more decimals
  (`0.123456`), a number of four or more digits with a decimal part but no separator
  (`29364.00`, `4353.0`), a cell that is only a number of five or more digits without
  separators (`1348584`), or a column whose numbers all end in `.0` (whole numbers shown as
  floats; a column with one decimal where some happen to be `.0` is fine);
* a table of the book's style (`div.sm-table`) without a download link to a CSV file that
  exists in the build (with `downloads`);
* a link in a table to a page of the book or an anchor on it that does not exist (a citation
  label whose References entry is missing), when the build folder is given.

An empty list means every table passes. The checks read HTML only, so they run on any build
(the lead's `make test` build, or a scratch copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z0-9_]*[a-z0-9]\b")
UNFORMATTED = (
    ("a float with four or more decimals", re.compile(r"(?<![\w.,/])\d+\.\d{4,}(?![\w.,/])")),
    ("a number of four or more digits without separators", re.compile(r"(?<![\w.,/])\d{4,}\.\d+(?![\w.,/])")),
)
NUMBER_CELL = re.compile(r"[+\-\u2212]?(\d[\d,]*)(\.\d+)?%?")
SKIPPED_PAGES = ("genindex.html", "search.html", "py-modindex.html")
SKIPPED_TAGS = ("a", "code", "script", "style")


def text_problems(text: str) -> list[str]:
    """What is wrong with a cell's reader-facing text (links and code already left out)."""
    found = [f"snake_case code {m!r}" for m in SNAKE_CASE.findall(text)]
    for what, pattern in UNFORMATTED:
        found += [f"{what} ({m!r})" for m in pattern.findall(text)]
    number = NUMBER_CELL.fullmatch(text)
    if number and "," not in number.group(1) and len(number.group(1)) >= 5:
        found.append(f"a number of five or more digits without separators ({text!r})")
    return found


def column_problems(texts: list[str]) -> list[str]:
    """What is wrong with a column as a whole: numbers that all end in '.0'."""
    decimals = [m.group(2) for m in map(NUMBER_CELL.fullmatch, texts) if m and m.group(2)]
    if decimals and all(set(d[1:]) == {"0"} for d in decimals):
        return [f"whole numbers shown with decimals ({', '.join(sorted(set(texts))[:3])}, ...)"]
    return []


@dataclass
class _Table:
    line: int
    caption: str | None = None
    cells: list = field(default_factory=list)  # (tag, attrs, text, in_head, column)
    column: int = 0  # of the next cell in the current row


class _Page(HTMLParser):
    """Collects every table (caption, cells with their text outside links and code) and, for
    each `div.sm-table`, the download links inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.styled: list[dict] = []  # {"id": ..., "downloads": [...], "line": ...}
        self.table_links: list[tuple[int, str]] = []  # (line, href) of links inside tables
        self._open: list[_Table] = []
        self._div_depth: list[int] = []  # depth at which each open div.sm-table started
        self._depth = 0
        self._cell = None  # [tag, attrs, parts]
        self._caption = None
        self._skip = 0
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            self._depth += 1
            if "sm-table" in (attrs.get("class") or "").split():
                self._div_depth.append(self._depth)
                self.styled.append({"id": attrs.get("id"), "downloads": [], "line": self.getpos()[0]})
        if tag == "a" and self._div_depth and "download" in attrs:
            self.styled[-1]["downloads"].append(attrs.get("href", ""))
        elif tag == "a" and self._open and attrs.get("href"):
            self.table_links.append((self.getpos()[0], attrs["href"]))
        if tag == "table":
            self._open.append(_Table(self.getpos()[0]))
            self.tables.append(self._open[-1])
        elif tag == "caption" and self._open:
            self._caption = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._open:
            self._open[-1].column = 0
        elif tag in ("th", "td") and self._open:
            self._cell = [tag, attrs, []]
        if tag in SKIPPED_TAGS:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "div":
            if self._div_depth and self._div_depth[-1] == self._depth:
                self._div_depth.pop()
            self._depth -= 1
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1
        if tag == "caption" and self._caption is not None and self._open:
            self._open[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None and self._open:
            cell_tag, attrs, parts = self._cell
            table = self._open[-1]
            table.cells.append((cell_tag, attrs, " ".join("".join(parts).split()), self._in_head, table.column))
            table.column += 1
            self._cell = None
        elif tag == "table" and self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None and not self._skip:
            self._cell[2].append(data)


def page_problems(
    html_text: str, page: Path | str = "", html_dir: Path | None = None, downloads: bool = True
) -> list[str]:
    """Every table problem of one page (see the module's docstring). With `downloads`, a table
    of the book's style must link its CSV; with `html_dir` too, the link must resolve (from the
    page's folder) to an existing file."""
    parser = _Page()
    parser.feed(html_text)
    problems = []
    for table in parser.tables:
        where = f"{page}:{table.line}"
        if not table.caption:
            problems.append(f"{where}: table without a caption")
        label = table.caption or "table"
        for tag, attrs, text, in_head, _ in table.cells:
            if in_head and (tag != "th" or attrs.get("scope") != "col"):
                problems.append(f'{where}: {label}: header cell {text!r} is not <th scope="col">')
            problems += [f"{where}: {label}: {text!r}: {p}" for p in text_problems(text)]
        columns: dict[int, list[str]] = {}
        for _, _, text, in_head, column in table.cells:
            if not in_head:
                columns.setdefault(column, []).append(text)
        for texts in columns.values():
            problems += [f"{where}: {label}: {p}" for p in column_problems(texts)]
        if table.caption:
            problems += [f"{where}: caption {table.caption!r}: {p}" for p in text_problems(table.caption)]
    if html_dir is not None:
        problems += _broken_links(parser.table_links, page, Path(html_dir))
    for styled in parser.styled if downloads else ():
        csvs = [href for href in styled["downloads"] if urlsplit(href).path.endswith(".csv")]
        where = f"{page}:{styled['line']}: {styled['id']}"
        if not csvs:
            problems.append(f"{where}: no CSV download link")
        elif html_dir is not None:
            folder = (Path(html_dir) / page).parent
            missing = [h for h in csvs if not (folder / unquote(urlsplit(h).path)).is_file()]
            problems += [f"{where}: download link to a missing file {h!r}" for h in missing]
    return problems


_IDS: dict[Path, set[str]] = {}


def _ids(path: Path) -> set[str]:
    """The HTML ids of a page (read once per check run)."""
    if path not in _IDS:
        _IDS[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
    return _IDS[path]


def _broken_links(links, page, html_dir: Path) -> list[str]:
    """Links inside tables to a page of the book, or an anchor on one, that do not exist."""
    problems = []
    folder = (html_dir / page).parent
    for line, href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            continue
        target = (folder / unquote(parts.path)) if parts.path else html_dir / page
        if not target.is_file():
            problems.append(f"{page}:{line}: link in a table to a missing page {href!r}")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in _ids(target):
            problems.append(f"{page}:{line}: link in a table to a missing anchor {href!r}")
    return problems


def book_problems(html_dir: Path | str) -> list[str]:
    """Every table problem of every page of a built book (`_build/html`)."""
    html_dir = Path(html_dir)
    problems = []
    for path in sorted(html_dir.rglob("*.html")):
        relative = path.relative_to(html_dir)
        if relative.name in SKIPPED_PAGES or relative.parts[0].startswith("_"):
            continue
        problems += page_problems(path.read_text(encoding="utf-8"), relative, html_dir)
    return problems


def table_count(html_text: str) -> int:
    """How many tables a page holds (for a check that a page has the tables it should)."""
    parser = _Page()
    parser.feed(html_text)
    return len(parser.tables)
