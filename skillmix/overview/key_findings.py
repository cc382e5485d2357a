"""Key findings for the landing page (`data/book/key_findings.yml`).

Each finding is a sentence written for the book whose numbers are placeholders
`{chapter.key}`, filled with the value that chapter glued, as the claims ledger recorded it
(`outputs/claims_ledger/claims_ledger.csv`, a published output read here, not recomputed). A
finding that uses a value marked synthetic in the ledger is marked synthetic on the page.
"""

from __future__ import annotations

import pandas as pd

from ..core.errors import InputError
from ..core.ledger_values import PLACEHOLDER, fill, ledger_file, load_ledger
from ..core.paths import DATA, relative
from ..core.yaml_spec import Spec, parse

__all__ = ["PLACEHOLDER", "Finding", "findings_markdown", "ledger_file", "load_findings", "load_ledger", "render"]

FINDINGS = DATA / "book" / "key_findings.yml"
SYNTHETIC_MARK = " *(synthetic survey data)*"
SENSITIVITY_PAGE = "a7_sensitivity.ipynb"


class Finding(Spec):
    id: str
    text: str
    section: str


class FindingsFile(Spec):
    findings: list[Finding]


def load_findings(path=FINDINGS) -> list[Finding]:
    findings = parse(FindingsFile, path).findings
    ids = [f.id for f in findings]
    if len(set(ids)) != len(ids):
        raise InputError(
            "a finding id is used twice", file=relative(path), value=sorted(i for i in ids if ids.count(i) > 1)[0]
        )
    return findings


def render(finding: Finding, ledger: pd.DataFrame, file="key_findings.yml") -> tuple[str, bool]:
    """The finding's sentence with its values filled in, and whether any value is synthetic."""
    return fill(finding.text, ledger, f"finding '{finding.id}'", file)


def findings_markdown(findings: list[Finding], ledger: pd.DataFrame, held: dict | None = None) -> str:
    """The key findings as a MyST bullet list, each linked to the section that shows it and,
    where `held` says so (finding id -> note), to whether it held across the sensitivity sweep."""
    items = []
    for finding in findings:
        text, synthetic = render(finding, ledger)
        mark = SYNTHETIC_MARK if synthetic else ""
        sweep = f" ([{held[finding.id]}]({SENSITIVITY_PAGE}))" if held and finding.id in held else ""
        items.append(f"- {text}{mark}{sweep} [More]({finding.section})")
    return "\n".join(items)
