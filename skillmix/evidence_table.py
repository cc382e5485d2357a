"""The evidence table appendix: the records and the screening log as tables for readers.

`records_csv` is the full table behind the download; `records_shown` and `exclusions_shown`
are the columns the page shows, with display labels; `html_table` renders one of them as a
plain HTML table with every text escaped and one column of links.
"""
from __future__ import annotations

import html
from urllib.parse import urlsplit

import pandas as pd
from IPython.display import HTML

from .evidence import (BASIS_CATEGORIES, LEVEL_LABELS, ROLE_LABELS, SETTING_LABELS, STUDY_TYPE_LABELS,
                       basis_of_evidence, split_codes)
from .prisma import REASON_LABELS


def record_links(records: pd.DataFrame) -> pd.Series:
    """Where each record links to: its canonical address (DOI or publisher's page) where one
    was seen, otherwise the page where it was read."""
    return records["canonical_url"].where(records["canonical_url"] != "", records["seen_url"])


def _basis(records: pd.DataFrame) -> pd.Series:
    return records["id"].map(basis_of_evidence(records).set_index("record_id")["basis"])


def table_numbers(records: pd.DataFrame, exclusions: pd.DataFrame) -> dict:
    """Numbers quoted on the page: records, records with a DOI, and screening-log rows."""
    return {"n_records": len(records), "n_with_doi": int((records["doi"] != "").sum()),
            "n_exclusions": len(exclusions)}


def records_csv(records: pd.DataFrame) -> pd.DataFrame:
    """Every column of the records file, with `link` (see `record_links`) and `read_in` (the
    basis of its findings, see `evidence.basis_of_evidence`)."""
    return records.drop(columns=["roles", "theme_tags"]).assign(link=record_links(records),
                                                                read_in=_basis(records))


def labels_of(text: str, labels: dict) -> str:
    """';'-separated codes as their display labels, '; '-separated (unknown codes as given)."""
    return "; ".join(labels.get(code, code) for code in split_codes(text))


def records_shown(records: pd.DataFrame) -> pd.DataFrame:
    """The records as the page shows them: labelled codes, 'no year' and '(title not verified)'
    where none was seen, and the address each links to (column Source)."""
    return pd.DataFrame({
        "Record": records["id"],
        "Year": records["year"].astype(object).where(records["year"].notna(), "no year"),
        "Authors": records["authors"],
        "Title": records["title"].where(records["title"] != "", "(title not verified)"),
        "Published by or in": records["publisher_or_journal"],
        "Roles": records["role"].map(lambda text: labels_of(text, ROLE_LABELS)),
        "Setting": records["setting"].map(SETTING_LABELS),
        "Study type": records["study_type"].map(STUDY_TYPE_LABELS),
        "Evidence level": records["evidence_level"].map(LEVEL_LABELS),
        "Key finding (paraphrase)": records["key_finding"],
        "Findings read in": _basis(records).map(BASIS_CATEGORIES),
        "Source": record_links(records),
    })


def exclusions_shown(exclusions: pd.DataFrame) -> pd.DataFrame:
    """The screening log as the page shows it, with each reason's label (column Seen at: links)."""
    return pd.DataFrame({
        "Candidate": exclusions["candidate"],
        "Reason": exclusions["reason"].map(REASON_LABELS),
        "Note": exclusions["note"],
        "Seen at": exclusions["seen_url"],
    })


def link(url: str) -> str:
    """An address as a short link labelled with its host; empty when there is none."""
    if not url:
        return ""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(urlsplit(url).netloc)}</a>'


def html_table(frame: pd.DataFrame, link_column: str) -> HTML:
    """A plain HTML table: every text escaped, the link column as links, no index."""
    cells = frame.astype(str).map(html.escape)
    cells[link_column] = frame[link_column].map(link)
    return HTML(cells.to_html(index=False, escape=False, border=0, classes="table table-sm evidence-table"))
