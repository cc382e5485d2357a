"""The evidence table appendix: the records and the screening log as tables for readers.

`records_csv` is the full table behind the download; `records_shown` and `exclusions_shown`
are the columns the page shows, with reader labels and one column of addresses to link.
"""

from __future__ import annotations

import pandas as pd

from ..core.evidence_basis import basis_of_evidence
from ..core.labels import (
    BASIS_CATEGORIES,
    BASIS_LABELS,
    LEVEL_LABELS,
    REASON_LABELS,
    ROLE_LABELS,
    SETTING_LABELS,
    STUDY_TYPE_LABELS,
)
from ..core.lists import split_codes
from .bibliography import record_notes, split_authors


def record_links(records: pd.DataFrame) -> pd.Series:
    """Where each record links to: its canonical address (DOI or publisher's page) where one
    was seen, otherwise the page where it was read."""
    return records["canonical_url"].where(records["canonical_url"] != "", records["seen_url"])


def _basis(records: pd.DataFrame) -> pd.Series:
    return records["id"].map(basis_of_evidence(records).set_index("record_id")["basis"])


def table_numbers(records: pd.DataFrame, exclusions: pd.DataFrame) -> dict:
    """Numbers quoted on the page: records, records with a DOI, and screening-log rows."""
    return {"n_records": len(records), "n_with_doi": int((records["doi"] != "").sum()), "n_exclusions": len(exclusions)}


def records_csv(records: pd.DataFrame) -> pd.DataFrame:
    """Every column of the records file, with `link` (see `record_links`) and `read_in` (the
    basis of its findings, see `core.evidence_basis`)."""
    return records.drop(columns=["roles", "theme_tags"]).assign(link=record_links(records), read_in=_basis(records))


def labels_of(text: str, labels: dict) -> str:
    """';'-separated codes as their reader labels, '; '-separated (unknown codes as given)."""
    return "; ".join(labels.get(code, code) for code in split_codes(text))


def records_shown(records: pd.DataFrame) -> pd.DataFrame:
    """The records as the page shows them: labelled codes, 'no year' and '(title not verified)'
    where none was seen, the address each links to (column Source), and notes on how the record
    was gathered (remarks on its author list: `bibliography.record_notes`), which the References
    page leaves out."""
    return pd.DataFrame(
        {
            "Record": records["id"],
            "Year": records["year"].astype(object).where(records["year"].notna(), "no year"),
            "Authors": records["authors"].map(lambda text: "; ".join(split_authors(text)[0])),
            "Title": records["title"].where(records["title"] != "", "(title not verified)"),
            "Published by or in": records["publisher_or_journal"],
            "Roles": records["role"].map(lambda text: labels_of(text, ROLE_LABELS)),
            "Setting": records["setting"].map(SETTING_LABELS),
            "Study type": records["study_type"].map(STUDY_TYPE_LABELS),
            "Evidence level": records["evidence_level"].map(LEVEL_LABELS),
            "Key finding (paraphrase)": records["key_finding"],
            "Findings read in": _basis(records).map(BASIS_CATEGORIES),
            "Source": record_links(records),
            "Notes on the record": records.apply(record_notes, axis=1) if len(records) else pd.Series(dtype=object),
        }
    )


def records_compact(shown: pd.DataFrame) -> pd.DataFrame:
    """`records_shown` narrowed for the page's text column: the record (its citation label,
    which leads to its authors, year, publisher and address under References), title, roles,
    the kind of evidence (level, study type, setting), the key finding, and how it was read
    (with any note on the record)."""
    read_in = {long: BASIS_LABELS[code] for code, long in BASIS_CATEGORIES.items()}
    how = [
        read_in.get(basis, basis) + (f". {note}" if note else "")
        for basis, note in zip(shown["Findings read in"], shown["Notes on the record"], strict=True)
    ]
    evidence = [
        f"{level}; {kind.lower()}; setting: {setting.lower()}"
        for level, kind, setting in zip(shown["Evidence level"], shown["Study type"], shown["Setting"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Record": shown["Record"],
            "Title": shown["Title"],
            "Roles": shown["Roles"],
            "Evidence": evidence,
            "Key finding (paraphrase)": shown["Key finding (paraphrase)"],
            "How it was read": how,
        }
    )


def exclusions_shown(exclusions: pd.DataFrame) -> pd.DataFrame:
    """The screening log as the page shows it, with each reason's label (column Seen at: links)."""
    return pd.DataFrame(
        {
            "Candidate": exclusions["candidate"],
            "Reason": exclusions["reason"].map(REASON_LABELS),
            "Note": exclusions["note"],
            "Seen at": exclusions["seen_url"],
        }
    )
