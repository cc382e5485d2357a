"""Inputs the lessons draw on from other domains' data, read without those domains' code:
the evidence records (only the columns the lessons use) and the survey code book.

The evidence records are validated by the evidence review (a dependency of the lessons
chapter); here they are only read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.evidence_basis import basis_of_evidence
from ..core.paths import DATA, relative
from ..core.yaml_spec import safe_load

LESSONS_DIR = DATA / "lessons"
LESSONS_FILE = LESSONS_DIR / "lessons.yml"
PARALLELS_FILE = LESSONS_DIR / "historical_parallels.csv"
GLOSSARY_FILE = LESSONS_DIR / "glossary.csv"
EVIDENCE_FILE = DATA / "evidence" / "evidence_records.csv"
CODEBOOK_FILE = DATA / "survey" / "codebook.yml"
TIMELINE_FILE = DATA / "workforce" / "role_timeline.csv"

RECORD_COLUMNS = (
    "id",
    "year",
    "role",
    "country",
    "study_type",
    "evidence_level",
    "key_finding",
    "evidence_seen",
    "record_note",
)


def record_ids(path=EVIDENCE_FILE) -> set[str]:
    """The ids of the evidence records."""
    return set(read_csv(path, ("id",), what="evidence records", exact=False)["id"])


def load_records(path=EVIDENCE_FILE) -> pd.DataFrame:
    """The evidence records (the columns of RECORD_COLUMNS), with `year` as a nullable
    integer and `basis`, what each finding was read in (`core.evidence_basis`)."""
    records = read_csv(path, RECORD_COLUMNS, what="evidence records", exact=False)[list(RECORD_COLUMNS)]
    undated = records["year"] == ""
    bad = records.index[~undated & ~records["year"].str.fullmatch(r"\d{4}")]
    if len(bad):
        raise InputError(
            "not a year",
            file=relative(path),
            line=line_of(bad[0]),
            column="year",
            value=records.loc[bad[0], "year"],
            allowed="YYYY, or empty",
        )
    years = pd.array(
        [pd.NA if none else int(y) for y, none in zip(records["year"], undated, strict=True)], dtype="Int64"
    )
    basis = basis_of_evidence(records)["basis"].to_numpy()
    return records.assign(year=years, basis=basis)


def _codebook(path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise InputError("survey code book not found", file=relative(path))
    return safe_load(path.read_text(encoding="utf-8")) or {}


def codebook_items(path=CODEBOOK_FILE) -> dict[str, dict]:
    """The survey items of the code book, by id (each a dict with wording, theme, waves)."""
    items = _codebook(path).get("items")
    if isinstance(items, dict):
        return {str(k): dict(v or {}, id=str(k)) for k, v in items.items()}
    if not isinstance(items, list) or not all(isinstance(i, dict) and "id" in i for i in items):
        raise InputError("expected a list of items, each with an 'id'", file=relative(path), key="items")
    return {str(i["id"]): i for i in items}


def codebook_roles(path=CODEBOOK_FILE) -> dict[str, str]:
    """The roles the survey asks about, code -> name as the questionnaire words it."""
    return {str(k): str(v) for k, v in (_codebook(path).get("roles") or {}).items()}
