"""A Sphinx extension for the book's tables (enabled in `_config.yml`, `sphinx.extra_extensions`).

* Each table of `publish.tables` becomes a label that prose can cite without typing its number:
  `` {ref}`tbl-workforce-sources` `` shows "Table 1.7" and links to the table. (The table is an
  HTML block after a MyST target; the label gets the number from the table's caption.)
* The header cells of tables that Sphinx itself writes (a `{list-table}`, a markdown table) get
  `scope="col"`, as the tables of `publish.tables` have: docutils writes `<th class="head">`
  with no way to add an attribute, so the page's body is amended before it goes into the
  theme's template (`html-page-context`).
"""

from __future__ import annotations

import re

from docutils import nodes

HEAD_CELL = re.compile(r'<th class="head"(?![^>]*\bscope=)')
TABLE = re.compile(r'<div class="sm-table[^"]*" id="([^"]+)">.*?<span class="sm-table__number">([^<:]+):</span>', re.S)


def scoped(body: str) -> str:
    """`body` with every docutils header cell given `scope="col"`."""
    return HEAD_CELL.sub('<th scope="col" class="head"', body)


def table_labels(doctree) -> dict[str, str]:
    """{table id: 'Table 1.7'} of the book-style tables in a document."""
    found = {}
    for node in doctree.findall(nodes.raw):
        found.update(dict(TABLE.findall(node.astext())))
    return found


def _register_tables(app, doctree) -> None:
    """Make each table's id a label titled by its number, on the page that shows it."""
    std = app.env.get_domain("std")
    for ident, number in table_labels(doctree).items():
        std.labels[ident] = (app.env.docname, ident, number)
        std.anonlabels[ident] = (app.env.docname, ident)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if isinstance(context.get("body"), str):
        context["body"] = scoped(context["body"])


def setup(app):
    app.connect("doctree-read", _register_tables)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
