"""Key findings for the landing page (`data/book/key_findings.yml`).

Each finding is a sentence written for the book whose numbers are placeholders
`{chapter.key}`, filled with the value that chapter glued, as the claims ledger recorded it
(`outputs/claims_ledger/claims_ledger.csv`, a published output read here, not recomputed). A
finding that uses a value marked synthetic in the ledger is marked synthetic on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..core.csv_input import read_csv
from ..core.errors import InputError
from ..core.paths import DATA, relative
from ..core.yaml_spec import Spec, parse

FINDINGS = DATA / "book" / "key_findings.yml"
LEDGER_COLUMNS = ("chapter", "key", "value", "data")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([A-Za-z0-9_]+)\}")
SYNTHETIC = "synthetic"
SYNTHETIC_MARK = " *(synthetic survey data)*"


class Finding(Spec):
    id: str
    text: str
    section: str


class FindingsFile(Spec):
    findings: list[Finding]


def ledger_file(outputs: Path) -> Path:
    """The claims ledger's published table under an outputs folder."""
    return Path(outputs) / "claims_ledger" / "claims_ledger.csv"


def load_findings(path=FINDINGS) -> list[Finding]:
    findings = parse(FindingsFile, path).findings
    ids = [f.id for f in findings]
    if len(set(ids)) != len(ids):
        raise InputError(
            "a finding id is used twice", file=relative(path), value=sorted(i for i in ids if ids.count(i) > 1)[0]
        )
    return findings


def load_ledger(path) -> pd.DataFrame:
    """The claims ledger (run the claims-ledger chapter first)."""
    return read_csv(path, LEDGER_COLUMNS, what="claims ledger (run the claims ledger chapter first)", exact=False)


def render(finding: Finding, ledger: pd.DataFrame, file="key_findings.yml") -> tuple[str, bool]:
    """The finding's sentence with its values filled in, and whether any value is synthetic."""
    values = ledger.set_index(["chapter", "key"])
    synthetic = False

    def fill(match: re.Match) -> str:
        nonlocal synthetic
        chapter, key = match.groups()
        if (chapter, key) not in values.index:
            raise InputError(
                f"finding '{finding.id}' uses a value no chapter glued", file=file, value=f"{chapter}.{key}"
            )
        row = values.loc[(chapter, key)]
        synthetic |= row["data"] == SYNTHETIC
        return row["value"]

    text = " ".join(PLACEHOLDER.sub(fill, finding.text).split())
    return text, synthetic


def findings_markdown(findings: list[Finding], ledger: pd.DataFrame) -> str:
    """The key findings as a MyST bullet list, each linked to the section that shows it."""
    items = []
    for finding in findings:
        text, synthetic = render(finding, ledger)
        mark = SYNTHETIC_MARK if synthetic else ""
        items.append(f"- {text}{mark} [More]({finding.section})")
    return "\n".join(items)
