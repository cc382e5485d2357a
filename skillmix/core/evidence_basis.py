"""What an evidence record's findings were read in, classified from its `evidence_seen` and
`record_note` (shared by the evidence review, which counts the records by basis, and the
lessons, whose confidence justifications quote those counts).

The categories and their reader labels are `core.labels.BASIS_CATEGORIES`.
"""

from __future__ import annotations

import re

import pandas as pd

# The phrases the evidence records use when findings were read somewhere other than the
# record itself: a news release, news summary, blog, magazine or plain-English summary, a
# study website or briefing, or another publication of the same study.
SECONDARY_PATTERN = (
    r"findings (?:taken )?(?:from|via)|news summary of|news release summaris|"
    r"outcome figures from|percentages read in|recommendations from secondary"
)
ABSTRACT_PATTERN = r"abstract"


def classify(evidence_seen: str, record_note: str) -> str:
    """The basis of one record, by the first rule that matches: `secondary_summary` when
    either text says the findings were taken from another source; `abstract` when
    `evidence_seen` names an abstract; otherwise `own_summary_or_page`."""
    if re.search(SECONDARY_PATTERN, f"{evidence_seen} | {record_note}".lower()):
        return "secondary_summary"
    if re.search(ABSTRACT_PATTERN, evidence_seen.lower()):
        return "abstract"
    return "own_summary_or_page"


def basis_of_evidence(records: pd.DataFrame) -> pd.DataFrame:
    """One row per record (columns `id`, `evidence_seen`, `record_note`): record_id and basis."""
    basis = [classify(seen, note) for seen, note in zip(records["evidence_seen"], records["record_note"], strict=True)]
    return pd.DataFrame({"record_id": records["id"].to_numpy(), "basis": basis})
