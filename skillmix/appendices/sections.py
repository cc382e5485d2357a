"""Sections of the book's chapters, as links from one page to another.

A link to a section is written `notebook.ipynb#anchor`, relative to `chapters/` (the folder of
every page), or `notebook.ipynb` alone for a page's opening. The anchors are the ones MyST
gives headings (`myst_heading_anchors: 3` in `_config.yml`), computed here the way MyST does:
each notebook's markdown cells (those a reader sees, not tagged `remove-cell`) are parsed
with MyST's own Markdown parser, and every heading of levels 1 to 3 gets the slug MyST's
`compute_unique_slug` gives it, in page order (a repeated slug gets `-1`, `-2`, ...). So a
heading `## Screening: PRISMA 2020 flow` has the anchor `screening-prisma-2020-flow`, and in a
heading with a role (`## Lesson L01: {glue:md}`key``) only the plain text counts
(`lesson-l01-`). Sphinx resolves the same links when the book is built (and fails the build
on one it cannot find); checking them here lets a chapter fail early, naming the link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it.renderer import RendererHTML
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import compute_unique_slug
from myst_parser.parsers.mdit import create_md_parser

from ..core import chapter_spec
from ..core.errors import InputError
from ..core.paths import CHAPTERS

ANCHOR_LEVELS = 3  # myst_heading_anchors in _config.yml
# Extensions that change where blocks (and so headings) start; Jupyter Book enables them.
EXTENSIONS = {"colon_fence", "dollarmath"}
REMOVED = "remove-cell"


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # the heading's plain text (roles left out), as MyST slugs it
    anchor: str


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


@cache
def _headings(path: str, mtime: float) -> tuple[Heading, ...]:
    parser = create_md_parser(MdParserConfig(enable_extensions=EXTENSIONS), RendererHTML)
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    slugs: dict[str, int] = {}
    out = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown" or REMOVED in cell.get("metadata", {}).get("tags", []):
            continue
        for node in SyntaxTreeNode(parser.parse(_source(cell))).walk():
            if node.type != "heading" or int(node.tag[1:]) > ANCHOR_LEVELS:
                continue
            slug = compute_unique_slug(node, slugs)
            slugs[slug] = 1
            inline = node.children[0] if node.children else None
            title = "".join(c.content for c in (inline.children if inline else []) if c.type in ("text", "code_inline"))
            out.append(Heading(int(node.tag[1:]), title.strip(), slug))
    return tuple(out)


def headings(notebook: Path) -> tuple[Heading, ...]:
    """The anchored headings of a notebook, in page order."""
    notebook = Path(notebook)
    return _headings(str(notebook.resolve()), notebook.stat().st_mtime)


def split(link: str) -> tuple[str, str]:
    """'02_evidence_review.ipynb#methods' -> ('02_evidence_review.ipynb', 'methods'); no anchor -> ''."""
    notebook, _, anchor = link.partition("#")
    return notebook, anchor


def _pages() -> dict[str, object]:
    """Notebook file name (in chapters/) -> its chapter in chapters.yml."""
    return {Path(c.notebook).name: c for c in chapter_spec.chapters().values()}


def problem(link: str, folder: Path = CHAPTERS) -> str | None:
    """Why `link` would not resolve (None if it does): the notebook is not a chapter of
    chapters.yml or not in `folder`, or it has no heading with that anchor."""
    notebook, anchor = split(link)
    if notebook not in _pages():
        return f"{link}: {notebook or 'no notebook'} is not a chapter notebook of chapters.yml"
    path = Path(folder) / notebook
    if not path.is_file():
        return f"{link}: {notebook} not found in {Path(folder).name}/"
    if anchor and anchor not in {h.anchor for h in headings(path)}:
        return f"{link}: {notebook} has no heading with the anchor '{anchor}'"
    return None


def page_name(notebook: str) -> str:
    """'Chapter 2', 'Appendix B', or 'Opening page' for the page without a label."""
    chapter = _pages()[notebook]
    if chapter.label.isdigit():
        return f"Chapter {chapter.label}"
    if chapter.label:
        return f"Appendix {chapter.label}"
    return "Opening page"


def label(link: str, folder: Path = CHAPTERS) -> str:
    """How a link reads: 'Chapter 2, Methods', 'Chapter 4, Lesson L01', or the page alone for
    its opening or its title heading."""
    notebook, anchor = split(link)
    page = page_name(notebook)
    found = [h for h in headings(Path(folder) / notebook) if h.anchor == anchor and h.level > 1]
    if not anchor or not found:
        return page
    return f"{page}, {found[0].title.rstrip(' :')}"


def find(notebook: str, title_start: str, folder: Path = CHAPTERS) -> str:
    """The link to the first heading of `notebook` whose plain text starts with `title_start`
    (e.g. the section of lesson L01); InputError if there is none."""
    for heading in headings(Path(folder) / notebook):
        if heading.title.startswith(title_start):
            return f"{notebook}#{heading.anchor}"
    raise InputError(f"no heading starting '{title_start}' to link to", file=notebook)
