"""The evidence base: the included records, the screening log and the coded findings, each
validated row by row, and tidy long tables built from them. (What each record's findings were
read in is `core.evidence_basis`, which the lessons share.)

Inputs (see `data/evidence/README.md`):

* `evidence_records.csv` — one row per included record;
* `screening_exclusions.csv` — candidates seen and not included, with the reason;
* `themes.yml` — the theme code book (see `themes`);
* `coded_findings.csv` — one row per record and theme that the record's key finding addresses.

Every loader raises `InputError` on the first bad cell, naming the file, the line (the header
is line 1), the column, the value and the allowed values. Controlled vocabularies come from
`core.vocab`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from ..core import vocab
from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.lists import split_codes
from ..core.paths import relative
from .themes import DIRECTIONS, EVIDENCE, THEMES, load_themes

RECORDS = EVIDENCE / "evidence_records.csv"
EXCLUSIONS = EVIDENCE / "screening_exclusions.csv"
CODED = EVIDENCE / "coded_findings.csv"

RECORD_COLUMNS = (
    "id",
    "authors",
    "year",
    "title",
    "publisher_or_journal",
    "seen_url",
    "canonical_url",
    "doi",
    "role",
    "role_detail",
    "setting",
    "study_type",
    "evidence_level",
    "country",
    "themes",
    "key_finding",
    "evidence_seen",
    "record_note",
)
EXCLUSION_COLUMNS = ("candidate", "seen_url", "reason", "note")
CODED_COLUMNS = ("record_id", "theme", "direction", "finding", "basis")
BASES = ("key_finding", "record_note")

# Publication years a record may carry; the same bounds as the chapter's year parameters.
YEAR_MIN, YEAR_MAX = 1900, 2100
ID_PATTERN = r"[a-z][a-z0-9_]*"
DOI_PATTERN = r"10\.\d{4,9}/\S+"
URL_ALLOWED = "http://... or https://..."
NOT_IN_VOCABULARY = "value not in the controlled vocabulary"


def _fail(problem, path, index, column, value, allowed=None):
    """Raise InputError for the data row at 0-based `index` of `path`."""
    raise InputError(problem, file=relative(path), line=line_of(index), column=column, value=value, allowed=allowed)


def is_url(text: str) -> bool:
    """An absolute http(s) address with a host and no whitespace."""
    if not text or re.search(r"\s", text):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and "." in parts.netloc


def is_doi(text: str) -> bool:
    """A bare DOI such as 10.1136/bmj.324.7341.819 (no https://doi.org/ prefix)."""
    return bool(re.fullmatch(DOI_PATTERN, text))


def _check_url(path, index, column, text, *, required):
    if (text or required) and not is_url(text):
        _fail("not an http(s) URL", path, index, column, text, [URL_ALLOWED] if required else [URL_ALLOWED, "empty"])


def _check_code(path, index, column, code, allowed):
    if code not in allowed:
        _fail(NOT_IN_VOCABULARY, path, index, column, code, allowed)


def _check_codes(path, index, column, text, allowed) -> list[str]:
    """A ';'-separated list of at least one code, each in `allowed`, none twice."""
    codes = split_codes(text)
    if not codes:
        _fail("at least one code is required", path, index, column, text, allowed)
    for code in codes:
        _check_code(path, index, column, code, allowed)
    if len(set(codes)) != len(codes):
        _fail("a code is listed twice", path, index, column, text)
    return codes


# --------------------------------------------------------------------------- records


def load_records(path=RECORDS, themes_path=THEMES) -> pd.DataFrame:
    """The included records, validated, one row each, in file order.

    Columns: those of the file, with `year` as a nullable integer (`Int64`), plus
    `roles` and `theme_tags` (lists of codes).
    """
    frame = read_csv(path, RECORD_COLUMNS, what="evidence records")
    known_themes = tuple(load_themes(themes_path)["theme"])
    seen_ids: dict[str, int] = {}
    years, roles, tags = [], [], []
    for index, rec in enumerate(frame.itertuples(index=False)):
        if not re.fullmatch(ID_PATTERN, rec.id):
            _fail(
                "id must be lower-case letters, digits and underscores, starting with a letter",
                path,
                index,
                "id",
                rec.id,
                [f"pattern {ID_PATTERN}"],
            )
        if rec.id in seen_ids:
            _fail(f"duplicate id (first used on line {line_of(seen_ids[rec.id])})", path, index, "id", rec.id)
        seen_ids[rec.id] = index
        if not rec.authors.strip():
            _fail("authors is empty", path, index, "authors", rec.authors, ["the authors as seen"])
        if rec.year and (not re.fullmatch(r"\d{4}", rec.year) or not YEAR_MIN <= int(rec.year) <= YEAR_MAX):
            _fail(
                "year out of range",
                path,
                index,
                "year",
                rec.year,
                f"a four-digit year from {YEAR_MIN} to {YEAR_MAX}, or empty where no year was seen",
            )
        years.append(int(rec.year) if rec.year else pd.NA)
        _check_url(path, index, "seen_url", rec.seen_url, required=True)
        _check_url(path, index, "canonical_url", rec.canonical_url, required=False)
        if rec.doi and not is_doi(rec.doi):
            _fail(
                "not a DOI",
                path,
                index,
                "doi",
                rec.doi,
                [f"a bare DOI such as 10.1136/bmj.324.7341.819 (pattern {DOI_PATTERN})", "empty"],
            )
        roles.append(_check_codes(path, index, "role", rec.role, vocab.ROLES))
        _check_code(path, index, "setting", rec.setting, vocab.SETTINGS)
        _check_code(path, index, "study_type", rec.study_type, vocab.STUDY_TYPES)
        _check_code(path, index, "evidence_level", rec.evidence_level, vocab.EVIDENCE_LEVELS)
        tags.append(_check_codes(path, index, "themes", rec.themes, known_themes))
        if not rec.key_finding.strip():
            _fail("key_finding is empty", path, index, "key_finding", rec.key_finding)
    frame["year"] = pd.array(years, dtype="Int64")
    frame["roles"] = roles
    frame["theme_tags"] = tags
    return frame


def _long(records: pd.DataFrame, codes: str, name: str) -> pd.DataFrame:
    rows = [(rid, code) for rid, listed in zip(records["id"], records[codes], strict=True) for code in listed]
    return pd.DataFrame(rows, columns=["record_id", name])


def record_roles(records: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per record and role (record_id, role)."""
    return _long(records, "roles", "role")


def record_theme_tags(records: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per record and theme tag in the records file (record_id, theme)."""
    return _long(records, "theme_tags", "theme")


# --------------------------------------------------------------------------- screening log


def load_exclusions(path=EXCLUSIONS) -> pd.DataFrame:
    """The screening log of candidates not included, validated, in file order."""
    frame = read_csv(path, EXCLUSION_COLUMNS, what="screening log")
    for index, rec in enumerate(frame.itertuples(index=False)):
        if not rec.candidate.strip():
            _fail("candidate is empty", path, index, "candidate", rec.candidate)
        _check_url(path, index, "seen_url", rec.seen_url, required=False)
        _check_code(path, index, "reason", rec.reason, vocab.EXCLUSION_REASONS)
    return frame


# --------------------------------------------------------------------------- coded findings


def load_coded_findings(path=CODED, records=None, themes_path=THEMES) -> pd.DataFrame:
    """The coded findings, validated against the records and the theme code book.

    `records` defaults to `load_records()`; every `record_id` must be one of its ids and
    every `theme` a theme of the code book; a record and theme pair appears at most once.
    """
    if records is None:
        records = load_records(themes_path=themes_path)
    frame = read_csv(path, CODED_COLUMNS, what="coded findings")
    ids = set(records["id"])
    known_themes = tuple(load_themes(themes_path)["theme"])
    seen: dict[tuple, int] = {}
    for index, rec in enumerate(frame.itertuples(index=False)):
        if rec.record_id not in ids:
            _fail(
                f"record_id does not match any record in {RECORDS.name}",
                path,
                index,
                "record_id",
                rec.record_id,
                f"an id of {RECORDS.name}",
            )
        if rec.theme not in known_themes:
            _fail(f"theme not in the code book ({THEMES.name})", path, index, "theme", rec.theme, known_themes)
        _check_code(path, index, "direction", rec.direction, DIRECTIONS)
        _check_code(path, index, "basis", rec.basis, BASES)
        if not rec.finding.strip():
            _fail("finding is empty", path, index, "finding", rec.finding)
        key = (rec.record_id, rec.theme)
        if key in seen:
            _fail(f"record and theme already coded on line {line_of(seen[key])}", path, index, "theme", rec.theme)
        seen[key] = index
    return frame


def theme_links(records: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Which themes each record addresses: its tags in the records file or its coded findings.

    Long table (record_id, theme, tagged, coded), one row per record and theme, sorted by
    record order and then theme vocabulary order.
    """
    tagged = record_theme_tags(records).assign(tagged=True)
    coded_pairs = coded[["record_id", "theme"]].drop_duplicates().assign(coded=True)
    links = tagged.merge(coded_pairs, on=["record_id", "theme"], how="outer")
    links = links[links["record_id"].isin(records["id"])]
    links["tagged"] = links["tagged"].astype("boolean").fillna(False).astype(bool)
    links["coded"] = links["coded"].astype("boolean").fillna(False).astype(bool)
    order = {rid: i for i, rid in enumerate(records["id"])}
    theme_order = {t: i for i, t in enumerate(vocab.THEMES)}
    links = links.assign(_r=links["record_id"].map(order), _t=links["theme"].map(theme_order))
    return links.sort_values(["_r", "_t"]).drop(columns=["_r", "_t"]).reset_index(drop=True)


# --------------------------------------------------------------------------- everything at once


def load_all(folder=EVIDENCE) -> dict:
    """Records, exclusions, themes and coded findings from one folder, all validated."""
    folder = Path(folder)
    themes_path = folder / THEMES.name
    records = load_records(folder / RECORDS.name, themes_path)
    return {
        "records": records,
        "exclusions": load_exclusions(folder / EXCLUSIONS.name),
        "themes": load_themes(themes_path),
        "coded": load_coded_findings(folder / CODED.name, records, themes_path),
    }
