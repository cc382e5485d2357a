"""The glossary of roles (`data/lessons/glossary.csv`): loading, validation and display.

One row per role code of `core.vocab.ROLES` except `other`. Every fact must come from the
evidence records or the role timeline named in the row, so a field the sources do not cover
says exactly "not in the sources" rather than being left empty or filled from memory.
`name` is the role's current name; `also_known_as` gives former or other names (empty where
there are none), so that readers can match the names the sources use. The glossary describes
roles: an evaluative word must say whose judgement it is (`neutrality.unattributed`).
"""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.paths import relative
from .inputs import EVIDENCE_FILE, GLOSSARY_FILE, TIMELINE_FILE
from .neutrality import unattributed
from .sources import SourceChecker

COLUMNS = ("role", "name", "also_known_as", "description", "introduced", "regulation", "records", "timeline_sources")
TEXT_COLUMNS = ("name", "description", "introduced", "regulation")
DESCRIBING_COLUMNS = ("name", "also_known_as", "description", "introduced", "regulation")
FACT_COLUMNS = ("description", "introduced", "regulation")
NOT_IN_SOURCES = "not in the sources"
ROLES = tuple(r for r in vocab.ROLES if r != "other")
HEADERS = {
    "role": "code",
    "name": "role",
    "also_known_as": "also known as / formerly",
    "description": "what it is",
    "introduced": "when introduced",
    "regulation": "how regulated",
    "records": "evidence records",
    "timeline_sources": "role-timeline sources",
}


def load_glossary(path=GLOSSARY_FILE, evidence_path=EVIDENCE_FILE, timeline_path=TIMELINE_FILE) -> pd.DataFrame:
    """Read and validate the glossary; raise InputError naming file, line and column."""
    file = relative(path)
    table = read_csv(path, COLUMNS, what="glossary", exact=False)
    sources = SourceChecker(evidence_path, timeline_path)
    seen = set()
    for i, row in table.iterrows():
        where = {"file": file, "line": line_of(i)}
        role = row["role"]
        if role not in ROLES:
            raise InputError("unknown role", **where, column="role", value=role, allowed=ROLES)
        if role in seen:
            raise InputError("role listed twice", **where, column="role", value=role)
        seen.add(role)
        for col in TEXT_COLUMNS:
            if not row[col].strip():
                raise InputError(f"empty; write '{NOT_IN_SOURCES}' where the sources say nothing", **where, column=col)
        if row["name"].strip().lower() == NOT_IN_SOURCES:
            raise InputError("a role needs a name", **where, column="name")
        for col in DESCRIBING_COLUMNS:
            words = unattributed(row[col])
            if words:
                raise InputError(
                    "evaluative word without saying whose judgement it is; attribute it or remove it",
                    **where,
                    column=col,
                    value=", ".join(words),
                )
        sources.check(row, where, "records", "timeline_sources")
    absent = [r for r in ROLES if r not in seen]
    if absent:
        raise InputError("role missing from the glossary", file=file, value=absent[0], allowed=ROLES)
    return table


def gap_values(table: pd.DataFrame) -> dict:
    """The counts the appendix quotes: roles, facts not in the sources, and roles whose
    regulation the sources do not give."""
    gaps = table[list(FACT_COLUMNS)] == NOT_IN_SOURCES
    return {
        "glossary_n_roles": len(table),
        "glossary_n_gaps": int(gaps.to_numpy().sum()),
        "glossary_n_unregulated_unknown": int(gaps["regulation"].sum()),
    }


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """The glossary as the appendix shows it, in vocabulary order with readable headers (the
    role's code is in the download, not on the page)."""
    order = {r: i for i, r in enumerate(ROLES)}
    out = table.assign(_o=table["role"].map(order)).sort_values("_o").drop(columns="_o")
    out = out.assign(
        records=out["records"].str.replace(";", ", "), timeline_sources=out["timeline_sources"].str.replace(";", " ")
    )
    return out.rename(columns=HEADERS).drop(columns=HEADERS["role"]).reset_index(drop=True)
