"""Sentences written for the book whose numbers are the values the chapters glued.

A page that restates other chapters' results (the landing page's key findings, the side by
side of the study's findings in the checklists appendix) never types a number: its text holds
placeholders `{chapter.key}`, filled here with the value that chapter glued, as the claims
ledger recorded it (`outputs/claims_ledger/claims_ledger.csv`, a published output read here,
not recomputed). A text that uses a value marked synthetic in the ledger is reported as such.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .csv_input import read_csv
from .errors import InputError

LEDGER_COLUMNS = ("chapter", "key", "value", "data")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([A-Za-z0-9_]+)\}")
SYNTHETIC = "synthetic"


def ledger_file(outputs: Path) -> Path:
    """The claims ledger's published table under an outputs folder."""
    return Path(outputs) / "claims_ledger" / "claims_ledger.csv"


def load_ledger(path) -> pd.DataFrame:
    """The claims ledger (run the claims-ledger chapter first)."""
    return read_csv(path, LEDGER_COLUMNS, what="claims ledger (run the claims ledger chapter first)", exact=False)


def fill(text: str, ledger: pd.DataFrame, owner: str, file: str) -> tuple[str, bool]:
    """`text` with every placeholder replaced by its glued value (whitespace collapsed), and
    whether any value is synthetic. A placeholder no chapter glued fails, naming `owner` (e.g.
    "finding 'gp_ratio'") and the `file` it was written in."""
    values = ledger.set_index(["chapter", "key"])
    synthetic = False

    def value(match: re.Match) -> str:
        nonlocal synthetic
        chapter, key = match.groups()
        if (chapter, key) not in values.index:
            raise InputError(f"{owner} uses a value no chapter glued", file=file, value=f"{chapter}.{key}")
        row = values.loc[(chapter, key)]
        synthetic |= row["data"] == SYNTHETIC
        return str(row["value"])

    return " ".join(PLACEHOLDER.sub(value, text).split()), synthetic
