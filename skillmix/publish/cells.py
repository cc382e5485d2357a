"""How every table cell is shown to a reader: numbers with thousands separators and the same
decimals down a column, shares as percentages, dates in words, codes as labels, identifiers as
code, addresses and record ids as links. The one place where the book formats a table cell.

A column's format is the façade's (`Table.formats`) or, if it gives none, inferred from the
values (`infer`). Formats (`FORMATS`):

    text          as given (the default for text)
    count         1,234 (whole numbers; 29364.0 -> 29,364)
    number        each number alone: whole ones as counts, others with the decimals they need
                  (a column of values in different units)
    decimal:N     1,234.5 with N decimals
    percent:N     a share as a percentage: 0.123 -> 12.3% (N decimals)
    pct:N         a value already in percent: 12.3 -> 12.3%
    signed:N      a difference with its sign: +1.25, -1.57
    year          2024 (no separator)
    date          2015-09-30 -> 30 September 2015 (other period forms as given)
    bool          Yes / No
    code          an identifier (a file, a key, a version), shown as code
    identifiers   text whose snake_case words, paths and `backticked` parts are shown as code
                  (a record id among them as its citation label, linked)
    link          an address (or several), shown as a link labelled with its host
    cite          record ids (',' or ';' separated), each shown as its citation label, linked

Only the page is formatted: the CSV download keeps the exact values (`tables.save_csv`).
"""

from __future__ import annotations

import html
import math
import numbers
import re
from urllib.parse import urlsplit

import pandas as pd

from ..core.formats import fmt_date

FORMATS = (
    "text",
    "count",
    "number",
    "decimal",
    "percent",
    "pct",
    "signed",
    "year",
    "date",
    "bool",
    "code",
    "identifiers",
    "link",
    "cite",
)
NUMERIC = ("count", "number", "decimal", "percent", "pct", "signed", "year")
MAX_DECIMALS = 2  # an inferred decimal format shows at most this many
IDENTIFIER = re.compile(r"`([^`]+)`|((?:[\w.-]+/)+[\w.-]+|\b[a-z0-9]+(?:_[a-z0-9]+)+\b)")
_SPLIT_IDS = re.compile(r"\s*[;,]\s*")


def split_spec(spec: str) -> tuple[str, int]:
    """'decimal:1' -> ('decimal', 1); 'count' -> ('count', 0). ValueError for an unknown format."""
    kind, _, digits = str(spec).partition(":")
    if kind not in FORMATS:
        raise ValueError(f"unknown table cell format {spec!r}; known: {', '.join(FORMATS)}")
    return kind, int(digits or 0)


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool) and not is_missing(value)


def _decimals_needed(values) -> int:
    """The fewest decimals (up to MAX_DECIMALS) that show every value as it is to 6 places."""
    for digits in range(MAX_DECIMALS + 1):
        if all(round(float(v), digits) == round(float(v), 6) for v in values):
            return digits
    return MAX_DECIMALS


def infer(name, series: pd.Series) -> str:
    """The format of a column the façade gave none for: Yes/No for booleans; whole numbers
    with separators (a column named like a year without); other numbers with the decimals
    they need, at most MAX_DECIMALS, the same down the column; text as given."""
    values = [v for v in series.tolist() if not is_missing(v)]
    if values and all(isinstance(v, bool) for v in values):
        return "bool"
    numbers_ = [v for v in values if is_number(v)]
    if not numbers_:
        return "text"
    if all(float(v).is_integer() for v in numbers_):
        return "year" if "year" in str(name).lower() else "count"
    return f"decimal:{_decimals_needed(numbers_)}"


def number_text(value, kind: str, digits: int) -> str:
    """A number in a numeric format (see the module's list)."""
    number = float(value)
    if kind == "number":
        kind, digits = split_spec(infer("", pd.Series([number])))
    if kind == "count":
        return f"{round(number):,}"
    if kind == "year":
        return f"{round(number)}"
    if kind == "decimal":
        return f"{number:,.{digits}f}"
    if kind == "percent":
        return f"{100 * number:,.{digits}f}%"
    if kind == "pct":
        return f"{number:,.{digits}f}%"
    if kind == "signed":
        return f"{0:.{digits}f}" if round(number, digits) == 0 else f"{number:+,.{digits}f}"
    raise ValueError(kind)


def cell_text(value, spec: str) -> str:
    """The plain text a cell shows (before escaping): '' for a missing value; a number in its
    format (a number in a text column in the format `infer` gives it alone); text as given."""
    if is_missing(value):
        return ""
    kind, digits = split_spec(spec)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if is_number(value):
        if kind not in NUMERIC:
            kind, digits = split_spec(infer("", pd.Series([value])))
            if kind not in NUMERIC:
                return str(value)
        return number_text(value, kind, digits)
    if kind == "date":
        return fmt_date(value)
    return str(value)


def escape(text: str) -> str:
    """Text as HTML: escaped (a `<script>` shows as text), line breaks as <br> (so that no cell
    ever holds a blank line, which would end the HTML block in markdown)."""
    lines = [html.escape(line) for line in str(text).replace("\r", "").split("\n")]
    return "<br>".join(line for line in lines if line.strip())


def code_html(text: str) -> str:
    """An identifier as <code>, with line-break opportunities after '/', '_' and '.' (so that
    a long path wraps in a narrow column instead of widening it)."""
    return "<code>" + re.sub(r"([/_.])", r"\1<wbr>", escape(text)) + "</code>"


def link_html(urls: str) -> str:
    """An address as a link labelled with its host (several, separated by spaces or ';', as
    several links); empty when there is none."""
    links = []
    for url in re.split(r"[\s;]+", str(urls).strip()):
        if url:
            host = urlsplit(url).netloc or url
            label = html.escape(host).replace(".", ".<wbr>")  # a long host may wrap after a dot
            links.append(f'<a href="{html.escape(url, quote=True)}">{label}</a>')
    return ", ".join(links)


def identifiers_html(text: str, cite=None) -> str:
    """Text with its identifiers (backticked parts, paths, snake_case words) shown as code; an
    identifier that is a record id (`cite` knows it) is shown as its citation label, linked."""
    out, last = [], 0
    for match in IDENTIFIER.finditer(text):
        out.append(escape(text[last : match.start()]))
        ident = match.group(1) or match.group(2)
        found = cite(ident) if cite is not None else None
        out.append(cite_html(ident, cite) if found else code_html(ident))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def cite_html(text: str, cite) -> str:
    """Record ids as citation labels linked to the references (`cite(id)` -> (label, href) or
    None for an id it does not know, shown as it is)."""
    parts = []
    for record in (p for p in _SPLIT_IDS.split(str(text)) if p):
        found = cite(record) if cite is not None else None
        if found is None:
            parts.append(html.escape(record))
        else:
            label, href = found
            parts.append(f'<a href="{html.escape(href, quote=True)}">{html.escape(label)}</a>')
    return ", ".join(parts)


def cell_html(value, spec: str, cite=None) -> str:
    """A cell as the HTML inside its <td>: escaped text, or code, a link or citations."""
    if is_missing(value):
        return ""
    kind, _ = split_spec(spec)
    if kind == "link":
        return link_html(value)
    if kind == "cite":
        return cite_html(value, cite)
    text = cell_text(value, spec)
    if kind == "code":
        return code_html(text) if text else ""
    if kind == "identifiers":
        return identifiers_html(text, cite)
    return escape(text)
