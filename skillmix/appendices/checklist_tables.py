"""The checklists appendix's tables, as MyST markdown and as downloads.

Each row links to the sections of the book that meet it. The tables are MyST `list-table`s,
glued into the page as markdown (`{glue:md}` with `:format: myst`), so that their links are
ordinary MyST links (`[Chapter 2, Methods](02_evidence_review.ipynb#methods)`) which Sphinx
resolves to the right page and heading when the book is built, and fails the build on if one
does not resolve. Every text from the data is escaped, so none of it is read as markup. The
downloads (`frame` functions) hold the same rows with the links as written in the data.
"""

from __future__ import annotations

import re

import pandas as pd

from . import sections
from .checklist_data import ChecklistFile, FindingsFile, Item

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])")
STATUS_LABELS = {
    "reported": "Reported",
    "partly": "Partly reported",
    "not_done": "Not done",
    "not_applicable": "Not applicable",
}
VERDICT_LABELS = {"agrees": "Agrees", "differs": "Differs", "cannot_check": "Cannot be checked"}
NOT_QUOTED = "Wording not quoted."  # the page says why: not seen in the copies consulted
NOT_SEEN = "Not seen: the copies of the press release consulted end before it."
SYNTHETIC_MARK = " *(synthetic survey data)*"
CLASS = "sm-checklist"  # the tables' class in _static/checklists.css


def escape(text: str) -> str:
    """Plain text for a table cell: on one line, every character MyST might read as markup
    backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def links(where, folder) -> str:
    """The sections as MyST links labelled 'Chapter 2, Methods', separated by semicolons."""
    return "; ".join(f"[{escape(sections.label(link, folder))}]({link})" for link in where)


def _sentence(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def list_table(number: str, caption: str, headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A MyST list-table (cells already markdown) after its caption ("Table F.1: ..."), styled
    like the book's other tables by `_static/checklists.css` (docutils rewrites the class names
    of `_static/tables.css`, so they cannot be reused): on a narrow screen each row is a card.
    The caption is the list-table's title (an HTML <caption>); `numfig` is off for tables in
    `_config.yml`, so Sphinx does not number it again.
    Each cell starts with its column's name, shown only on a narrow screen, where the header
    row is hidden."""
    lines = [
        f"```{{list-table}} {escape(number)}: {escape(caption)}",
        ":header-rows: 1",
        f":widths: {' '.join(map(str, widths))}",
        f":class: {CLASS}",
        "",
    ]
    labelled = [
        [f'<span class="{CLASS}__label">{escape(h)}</span> {cell}' for h, cell in zip(headers, row, strict=True)]
        for row in rows
    ]
    for row in [[escape(h) for h in headers], *labelled]:
        lines.append(f"* - {row[0]}")
        lines.extend(f"  - {cell}" for cell in row[1:])
    lines.append("```")
    return "\n".join(lines)


def in_this_book(item: Item, folder) -> str:
    """'**Partly reported.** note [links]'."""
    where = f"See {links(item.where, folder)}." if item.where else ""
    return _sentence(f"**{STATUS_LABELS[item.status]}.**", escape(item.note or ""), where)


def quoted(item: Item) -> str:
    """The item's text as published (as far as seen), or a plain statement that it is not quoted."""
    if item.text is None:
        return f"*{escape(NOT_QUOTED)}*"
    return f"“{escape(item.text)}{'' if item.text_complete else ' […]'}”"


def _prisma_item(item: Item) -> str:
    """'**5** Eligibility criteria (Methods)'; the section is left out where it is the topic."""
    section = f" ({escape(item.section)})" if item.section and item.section != item.topic else ""
    return f"**{escape(item.item or '')}** {escape(item.topic or '')}{section}"


def prisma_rows(checklist: ChecklistFile, folder) -> list[list[str]]:
    return [[_prisma_item(item), quoted(item), in_this_book(item, folder)] for item in checklist.items]


def cherries_rows(checklist: ChecklistFile, folder) -> list[list[str]]:
    rows = []
    for item in checklist.items:
        name = f"**{escape(item.item)}**" if item.item else f"*{escape(item.topic or '')}* (item name not seen)"
        rows.append([escape(item.section or "—"), _sentence(f"{name}:", quoted(item)), in_this_book(item, folder)])
    return rows


def checklist_frame(checklist: ChecklistFile) -> pd.DataFrame:
    """The download: the checklist's items as in the data file, links joined by ';'."""
    columns = ["item", "section", "topic", "text", "text_complete", "status", "where", "note"]
    return pd.DataFrame(
        [{**item.model_dump(), "where": ";".join(item.where)} for item in checklist.items], columns=columns
    )


def cerqual_rows(summary: pd.DataFrame, lesson_links: dict) -> list[list[str]]:
    return [
        [
            f"[{escape(row.lesson)} {escape(row.short)}]({lesson_links[row.lesson]})",
            escape(row.finding),
            f"{row.n_records}",
            f"**{escape(row.confidence.capitalize())}**",
            escape(row.explanation),
        ]
        for row in summary.itertuples()
    ]


def findings_rows(findings: FindingsFile, books: dict, folder) -> list[list[str]]:
    """`books`: finding id -> (the book's sentence with its values, whether any is synthetic)."""
    rows = []
    for finding in findings.findings:
        if finding.published is None:
            published = f"*{escape(NOT_SEEN)}*"
        else:
            published = f"“{escape(finding.published)}{'' if finding.complete else ' […]'}”"
        text, synthetic = books[finding.id]
        where = f"See {links(finding.where, folder)}." if finding.where else ""
        book = _sentence(escape(text) + (SYNTHETIC_MARK if synthetic else ""), where)
        verdict = _sentence(f"**{VERDICT_LABELS[finding.verdict]}.**", escape(finding.how))
        rows.append([published, book, verdict])
    return rows


def findings_frame(findings: FindingsFile, books: dict) -> pd.DataFrame:
    """The download: each finding with the book's sentence as shown (values filled in)."""
    return pd.DataFrame(
        [
            {
                "id": f.id,
                "published": f.published,
                "complete": f.complete,
                "verdict": f.verdict,
                "how": f.how,
                "book": books[f.id][0],
                "synthetic": books[f.id][1],
                "where": ";".join(f.where),
            }
            for f in findings.findings
        ],
        columns=["id", "published", "complete", "verdict", "how", "book", "synthetic", "where"],
    )
