"""Tables as a reader sees them and as a download (CSV under `outputs/<chapter>/`).

Every table the book shows has one style (`render_markdown`): a numbered caption ("Table 2.3: ..."),
reader labels for its headers and codes (`core.labels`), cells formatted in one place
(`publish.cells`), a source line and a link to its CSV, and a stable id
(`tbl-<chapter>-<name>`) that prose can link to without typing the number:
`` {ref}`tbl-evidence-review-theme-summary` `` shows "Table 2.3" (`publish.sphinx_tables`).
A table of more than `LONG` rows shows its first `SHORT`; the rest are in a fold below it.

The table is displayed as markdown that myst-nb parses as MyST (`nb_render_markdown_format:
myst` in `_config.yml`): the table itself is an HTML block (escaped text, `<caption>`,
`<th scope="col">`), and the source line is markdown, so that its `{download}` role makes Sphinx
copy the CSV into the built book and link it. Styles: `_static/tables.css`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core import labels
from ..core.artifacts import DATA_STATUS_COLUMN, SYNTHETIC, Table
from ..core.paths import OUTPUTS_ENV
from . import cells

LONG = 15  # a table of more rows than this is shown short ...
SHORT = 10  # ... with this many rows, and the rest in a fold
CLASS = "sm-table"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])")


def output_path(chapter: str) -> Path:
    """The chapter's output folder: `outputs/<chapter>/` relative to the notebook's working
    directory, or under the pipeline's staging folder while the pipeline runs the chapter."""
    return Path(os.environ.get(OUTPUTS_ENV, "outputs")) / chapter


def output_dir(chapter: str) -> Path:
    """`output_path(chapter)`, created if need be."""
    path = output_path(chapter)
    path.mkdir(parents=True, exist_ok=True)
    return path


def marked(data: pd.DataFrame, data_status: str | None) -> pd.DataFrame:
    """`data` with a last column `data_status` holding `data_status` on every row (e.g.
    "synthetic"); unchanged when `data_status` is None (real or published data carry no mark)."""
    if data_status is None:
        return data
    return data.drop(columns=DATA_STATUS_COLUMN, errors="ignore").assign(**{DATA_STATUS_COLUMN: data_status})


def save_csv(data: pd.DataFrame, chapter: str, name: str, data_status: str | None = None) -> str:
    """Write a DataFrame as CSV under the chapter's outputs, byte-stable across runs, with a
    `data_status` column when `data_status` is given.

    Every value round-trips exactly: floats are written as Python's shortest repr (no
    `float_format`, so 1348584.0 stays 1348584.0, not 1.34858e+06), integers as integers.
    Python's `float()` and pandas' `read_csv(..., float_precision="round_trip")` read back the
    same float64 values.
    """
    path = output_dir(chapter) / f"{name}.csv"
    marked(data, data_status).to_csv(path, index=False, lineterminator="\n")
    return path.as_posix()


def index_is_meaningful(index: pd.Index) -> bool:
    """False for row numbers: a RangeIndex, or an unnamed integer index (the row numbers left
    by filtering or sorting); True for a named index or one of labels (text, dates, ...)."""
    if isinstance(index, pd.RangeIndex):
        return False
    if any(name is not None for name in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


@dataclass(frozen=True)
class Shown:
    """A table's cells as the page shows them: reader headers, each column's format, and the
    HTML of every cell (row by row)."""

    headers: list[str]
    specs: list[str]
    rows: list[list[str]]

    @property
    def numeric(self) -> list[bool]:
        return [cells.split_spec(spec)[0] in cells.NUMERIC for spec in self.specs]


def _labelled(column: str, series: pd.Series, vocabulary: str | None) -> pd.Series:
    if vocabulary is None:
        return series
    return series.map(lambda v: v if cells.is_missing(v) else labels.label_codes(vocabulary, v))


def shown(table: Table, cite=None) -> Shown:
    """The cells of `table.frame` as a reader sees them. A meaningful index (named, or of
    labels) is kept as the first column(s); row numbers are dropped. Codes become labels
    (`table.codes`, else `labels.COLUMN_VOCABULARIES` by column name), headers reader labels
    (`labels.column_label`), and every cell is formatted by its column's format."""
    frame = table.frame
    if index_is_meaningful(frame.index):
        frame = frame.reset_index()
    specs, columns = [], []
    for position, column in enumerate(frame.columns):
        series = frame.iloc[:, position]
        vocabulary = table.codes.get(column, labels.COLUMN_VOCABULARIES.get(column))
        series = _labelled(column, series, vocabulary)
        if column in table.formats:
            spec = table.formats[column]
        elif column == table.link_column:
            spec = "link"
        else:
            spec = cells.infer(column, series)
        cells.split_spec(spec)
        specs.append(spec)
        columns.append(series.tolist())
    rows = [
        [cells.cell_html(column[i], spec, cite) for column, spec in zip(columns, specs, strict=True)]
        for i in range(len(frame))
    ]
    return Shown([labels.column_label(c) for c in frame.columns], specs, rows)


def table_id(chapter: str, name: str) -> str:
    """The stable HTML id of a chapter's table (lower case, hyphens): `tbl-<chapter>-<name>`."""
    return re.sub(r"[^a-z0-9]+", "-", f"tbl-{chapter}-{name}".lower()).strip("-")


def number_label(chapter_label: str, number: int) -> str:
    """'Table 2.3' (chapter 2's third table), or 'Table 3' for a page without a label."""
    return f"Table {chapter_label}.{number}" if chapter_label else f"Table {number}"


def md_escape(text: str) -> str:
    """Plain text for a markdown paragraph: every character markdown or MyST might read as
    syntax is backslash-escaped, and the text is on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def html_table(shown_: Shown, rows: list[list[str]], caption_html: str, caption_id: str) -> str:
    heads = [cells.escape(h) for h in shown_.headers]
    cls = [' class="sm-num"' if n else "" for n in shown_.numeric]
    head = "".join(f'<th scope="col"{c}>{h}</th>' for h, c in zip(heads, cls, strict=True))
    attrs = [f'{c} data-label="{h}"' for h, c in zip(heads, cls, strict=True)]
    body = "".join(
        "<tr>" + "".join(f"<td{a}>{v}</td>" for v, a in zip(row, attrs, strict=True)) + "</tr>" for row in rows
    )
    return (
        f'<div class="{CLASS}__scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">'
        f'<table class="{CLASS}__table"><caption id="{caption_id}">{caption_html}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def layout(shown_: Shown) -> str:
    """'numeric' (half or more of the columns are numbers: scrolls sideways on a narrow screen),
    'wide' (four or more columns, mostly text: each row a card on a narrow screen) or 'text'
    (up to three columns: wraps)."""
    numeric = shown_.numeric
    if numeric and sum(numeric) * 2 >= len(numeric):
        return "numeric"
    return "wide" if len(numeric) >= 4 else "text"


def render_markdown(table: Table, number_text: str, ident: str, csv_link: str | None, cite=None) -> str:
    """The MyST markdown of a table (see the module's docstring): target, HTML block, and the
    source line with its download link."""
    if not table.caption:
        raise ValueError(f"{number_text} ({table.name or 'unnamed'}) has no caption: a shown table needs one")
    shown_ = shown(table, cite)
    status = ' <span class="sm-table__status">Synthetic data.</span>' if table.data_status == SYNTHETIC else ""
    caption = f'<span class="sm-table__number">{number_text}:</span> {cells.escape(table.caption)}{status}'
    collapsed = table.collapse and len(shown_.rows) > LONG
    first = shown_.rows[:SHORT] if collapsed else shown_.rows
    parts = [html_table(shown_, first, caption, f"{ident}-caption")]
    if collapsed:
        rest = f"rows {SHORT + 1} to {len(shown_.rows)}"
        more = f'<span class="sm-table__number">{number_text} (continued):</span> {rest}'
        parts.append(
            f'<details class="{CLASS}__more"><summary>Show the other {len(shown_.rows) - SHORT} rows of '
            f"{number_text}</summary>{html_table(shown_, shown_.rows[SHORT:], more, f'{ident}-more')}</details>"
        )
    kind = "cards" if table.cards else layout(shown_)
    block = f'<div class="{CLASS} {CLASS}--{kind}" id="{ident}">' + "".join(parts)
    line = f"Source: {md_escape(table.source)}" if table.source else ""
    if csv_link:
        line += f" {{download}}`Download {number_text} (CSV) <{csv_link}>`"
    return f"({ident})=\n{block}\n\n" + (f"{line.strip()}\n\n" if line.strip() else "") + "</div>\n"


class TableDisplay:
    """What `Publisher.table` returns: shown as the cell's value (markdown, parsed as MyST by
    myst-nb), with the caption as its plain-text form."""

    def __init__(self, markdown: str, plain: str):
        self.markdown = markdown
        self.plain = plain

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.plain

    @property
    def html(self) -> str:
        """The HTML block of the table (without the markdown around it)."""
        start = self.markdown.index("<div")
        return self.markdown[start : self.markdown.index("\n", start)]
