"""Nothing internal on a reader's page: checks of the text a reader meets for words that belong
to the project's process or its tests, not to the book.

Forbidden (`FORBIDDEN`): "issue" (a tracker's issue; the plural in a title such as "issues of
skill-mix change" and the bibliographic "volume/issue" are allowed), "project brief",
"<script" (a test string shown as text), "../shared" (a path outside the book), "skillmix."
(a module name) and "(s)" plurals ("value(s)").

* `text_problems(text)`: the forbidden strings in one piece of text;
* `notebook_problems(path)`: in a notebook's markdown cells and in every output a page can show
  (the visible text of HTML outputs, Markdown and plain-text outputs, glued values, printed
  text);
* `markdown_problems(path)`: in a Markdown page (`chapters/*.md`);
* `html_problems(html_dir)`: in the visible text (and alt text) of every page of a built book
  (`_build/html`), for the lead's check of the whole book.
Each returns a list of (where, problem); an empty list means the text is clean.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

FORBIDDEN = (
    ("a tracker issue", re.compile(r"(?<!volume/)\bissue\b", re.IGNORECASE)),
    ("the project brief", re.compile(r"project brief", re.IGNORECASE)),
    ("a script tag shown as text", re.compile(r"<script", re.IGNORECASE)),
    ("a path outside the book", re.compile(r"\.\./shared")),
    ("a module name", re.compile(r"\bskillmix\.[a-z_]")),
    ("an '(s)' plural", re.compile(r"\w\(s\)")),
)
SKIPPED_PAGES = ("genindex.html", "search.html", "py-modindex.html")
# Tags that separate pieces of text (others, such as <code>, <a> or <wbr>, run inside a sentence).
BLOCK_TAGS = frozenset(
    "p div td th tr li ul ol dt dd br table thead tbody caption figcaption h1 h2 h3 h4 h5 h6 section".split()
)


def text_problems(text: str) -> list[str]:
    """Each forbidden string found in `text`, with a little context."""
    found = []
    unquoted = re.sub(r"“[^”]*”", "“…”", text)  # a source quoted verbatim may say "objective(s)"
    for what, pattern in FORBIDDEN:
        for match in pattern.finditer(unquoted if what == "an '(s)' plural" else text):
            source = unquoted if what == "an '(s)' plural" else text
            start, end = max(match.start() - 40, 0), min(match.end() + 40, len(source))
            context = " ".join(source[start:end].split())
            found.append(f"{what}: ...{context}...")
    return found


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def notebook_problems(path) -> list[tuple[str, str]]:
    """Forbidden strings in a notebook's markdown cells and shown outputs."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(notebook.get("cells", [])):
        where = f"{path.name} cell {i} ({cell.get('id', '')})"
        if cell.get("cell_type") == "markdown":
            found += [(where, p) for p in text_problems(_joined(cell.get("source", "")))]
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts = [_joined(data["text/plain"])] if "text/plain" in data else []
            # HTML, and Markdown that holds HTML (a table), as the reader sees it.
            texts += [visible_text(_joined(data[key])) for key in ("text/html", "text/markdown") if key in data]
            if "text" in output:
                texts.append(_joined(output["text"]))
            for text in texts:
                found += [(f"{where} output", p) for p in text_problems(text)]
    return found


def markdown_problems(path) -> list[tuple[str, str]]:
    """Forbidden strings in a Markdown page."""
    path = Path(path)
    return [(path.name, p) for p in text_problems(path.read_text(encoding="utf-8"))]


class _VisibleText(HTMLParser):
    """The text a reader sees: character data outside <script>, <style> and <template>, and
    the alt text of images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        elif tag == "img":
            self.parts.append(" " + (dict(attrs).get("alt") or "") + " ")
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def html_problems(html_dir) -> list[tuple[str, str]]:
    """Forbidden strings in the visible text of every page of a built book."""
    html_dir = Path(html_dir)
    found = []
    for page in sorted(html_dir.rglob("*.html")):
        if page.name in SKIPPED_PAGES or "_static" in page.parts or "_sources" in page.parts:
            continue
        where = page.relative_to(html_dir).as_posix()
        found += [(where, p) for p in text_problems(visible_text(page.read_text(encoding="utf-8")))]
    return found
