"""A standalone HTML page of tables in the book's table style (for `skillmix compare`).

The tables are rendered exactly as in the book (`tables.shown`, `tables.html_table`: reader
labels, cell formats, captions) and the book's table style sheet is inlined, so the page
opens on its own, offline, from any folder.
"""

from __future__ import annotations

from ..core.artifacts import Table
from ..core.paths import ROOT
from . import cells, tables

STYLE = ROOT / "_static" / "tables.css"
PAGE_STYLE = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;line-height:1.5}"


def standalone_page(title: str, paragraphs: list[str], items: list[Table]) -> str:
    """An HTML page: a title, plain-text paragraphs, then each table with its source line."""
    body = [f"<h1>{cells.escape(title)}</h1>", *(f"<p>{cells.escape(p)}</p>" for p in paragraphs)]
    for number, table in enumerate(items, start=1):
        shown_ = tables.shown(table)
        caption = f'<span class="sm-table__number">Table {number}:</span> {cells.escape(table.caption)}'
        kind = "cards" if table.cards else tables.layout(shown_)
        body.append(
            f'<div class="sm-table sm-table--{kind}">'
            + tables.html_table(shown_, shown_.rows, caption, f"table-{number}-caption")
            + (f"<p>Source: {cells.escape(table.source)}</p>" if table.source else "")
            + "</div>"
        )
    style = STYLE.read_text(encoding="utf-8") if STYLE.is_file() else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{cells.escape(title)}</title><style>{PAGE_STYLE}\n{style}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
