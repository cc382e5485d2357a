"""The evidence base: loading, validation, tidy long tables and the chapter's record filter.

Inputs (see `data/evidence/README.md`):

* `evidence_records.csv` — one row per included record;
* `screening_exclusions.csv` — candidates seen and not included, with the reason;
* `themes.yml` — the theme code book (and the definitions of the direction codes);
* `coded_findings.csv` — one row per record and theme that the record's key finding addresses.

Every loader validates every row and raises `InputError` on the first bad cell, naming the
file, the row (the 1-based data row, header not counted, and the line of the file), the
column, the value and the allowed values. Controlled vocabularies come from `skillmix.vocab`.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import yaml

from .core import vocab
from .core.errors import InputError
from .core.paths import DATA, relative

EVIDENCE = DATA / "evidence"
RECORDS = EVIDENCE / "evidence_records.csv"
EXCLUSIONS = EVIDENCE / "screening_exclusions.csv"
THEMES = EVIDENCE / "themes.yml"
CODED = EVIDENCE / "coded_findings.csv"

RECORD_COLUMNS = (
    "id", "authors", "year", "title", "publisher_or_journal", "seen_url", "canonical_url", "doi",
    "role", "role_detail", "setting", "study_type", "evidence_level", "country", "themes",
    "key_finding", "evidence_seen", "record_note",
)
EXCLUSION_COLUMNS = ("candidate", "seen_url", "reason", "note")
CODED_COLUMNS = ("record_id", "theme", "direction", "finding", "basis")
DIRECTIONS = ("barrier", "enabler", "mixed", "neutral")
BASES = ("key_finding", "record_note")
THEME_FIELDS = ("label", "definition", "include")

# Publication years a record may carry; the same bounds as the chapter's year parameters.
YEAR_MIN, YEAR_MAX = 1900, 2100
ID_PATTERN = r"[a-z][a-z0-9_]*"
DOI_PATTERN = r"10\.\d{4,9}/\S+"
SEPARATOR = ";"


# --------------------------------------------------------------------------- helpers

def where_row(index: int) -> str:
    """How a row is named in messages: the 1-based data row and the line of the file.

    `index` is the 0-based position among the data rows (the header is line 1).
    """
    return f"{index + 1} (data row, header not counted; line {index + 2} of the file)"


def _fail(problem, path, index, column, value, allowed=None):
    raise InputError(problem, file=relative(path), row=None if index is None else where_row(index),
                     column=column, value=value, allowed=allowed)


def _read_csv(path, columns) -> pd.DataFrame:
    """Read a CSV as text (nothing converted, empty cells as ''), checking its header."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=relative(path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in columns:
        if column not in frame.columns:
            raise InputError("required column missing", file=relative(path), row="header",
                             column=column, allowed=columns)
    for column in frame.columns:
        if column not in columns:
            raise InputError("unexpected column", file=relative(path), row="header",
                             column=column, allowed=columns)
    return frame[list(columns)].reset_index(drop=True)


def split_codes(text: str) -> list[str]:
    """A ';'-separated list of codes, stripped, in the order given."""
    return [part.strip() for part in str(text).split(SEPARATOR) if part.strip()]


def is_url(text: str) -> bool:
    """An absolute http(s) address with a host and no whitespace."""
    if not text or re.search(r"\s", text):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and "." in parts.netloc


def is_doi(text: str) -> bool:
    """A bare DOI such as 10.1136/bmj.324.7341.819 (no https://doi.org/ prefix)."""
    return bool(re.fullmatch(DOI_PATTERN, text))


def _check_codes(path, index, column, text, allowed, *, required=True):
    codes = split_codes(text)
    if required and not codes:
        _fail("at least one code is required", path, index, column, text, allowed)
    for code in codes:
        if code not in allowed:
            _fail("value not in the controlled vocabulary", path, index, column, code, allowed)
    if len(set(codes)) != len(codes):
        _fail("a code is listed twice", path, index, column, text)
    return codes


# --------------------------------------------------------------------------- theme code book

def load_themes(path=THEMES) -> pd.DataFrame:
    """The theme code book as a frame (theme, label, definition, include), in vocabulary order.

    Every theme of `vocab.THEMES` must be defined, and nothing else.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=relative(path))
    book = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    themes = book.get("themes") or {}
    directions = book.get("directions") or {}
    for name in themes:
        if name not in vocab.THEMES:
            raise InputError("theme not in the controlled vocabulary", file=relative(path),
                             column="themes", value=name, allowed=vocab.THEMES)
    for name in vocab.THEMES:
        if name not in themes:
            raise InputError("theme missing from the code book", file=relative(path),
                             column="themes", value=name, allowed=list(themes))
        for field in THEME_FIELDS:
            if not str((themes[name] or {}).get(field, "")).strip():
                raise InputError(f"theme '{name}' has no {field}", file=relative(path),
                                 column=f"themes.{name}.{field}", allowed=THEME_FIELDS)
    for name in DIRECTIONS:
        if not str(directions.get(name, "")).strip():
            raise InputError("direction not defined", file=relative(path), column="directions",
                             value=name, allowed=DIRECTIONS)
    rows = [{"theme": name, **{f: " ".join(str(themes[name][f]).split()) for f in THEME_FIELDS}}
            for name in vocab.THEMES]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- records

def load_records(path=RECORDS, themes_path=THEMES) -> pd.DataFrame:
    """The included records, validated, one row each, in file order.

    Columns: those of the file, with `year` as a nullable integer (`Int64`), plus
    `roles` and `theme_tags` (lists of codes).
    """
    frame = _read_csv(path, RECORD_COLUMNS)
    known_themes = tuple(load_themes(themes_path)["theme"])
    seen_ids: dict[str, int] = {}
    years, roles, tags = [], [], []
    for index, rec in enumerate(frame.itertuples(index=False)):
        if not re.fullmatch(ID_PATTERN, rec.id):
            _fail("id must be lower-case letters, digits and underscores, starting with a letter",
                  path, index, "id", rec.id, [f"pattern {ID_PATTERN}"])
        if rec.id in seen_ids:
            _fail(f"duplicate id (first used in data row {seen_ids[rec.id] + 1})", path, index, "id", rec.id)
        seen_ids[rec.id] = index
        if not rec.authors.strip():
            _fail("authors is empty", path, index, "authors", rec.authors, ["the authors as seen"])
        if rec.year:
            if not re.fullmatch(r"\d{4}", rec.year) or not YEAR_MIN <= int(rec.year) <= YEAR_MAX:
                _fail("year out of range", path, index, "year", rec.year,
                      f"a four-digit year from {YEAR_MIN} to {YEAR_MAX}, or empty where no year was seen")
        years.append(int(rec.year) if rec.year else pd.NA)
        if not is_url(rec.seen_url):
            _fail("not an http(s) URL", path, index, "seen_url", rec.seen_url, ["http://... or https://..."])
        if rec.canonical_url and not is_url(rec.canonical_url):
            _fail("not an http(s) URL", path, index, "canonical_url", rec.canonical_url,
                  ["http://... or https://...", "empty"])
        if rec.doi and not is_doi(rec.doi):
            _fail("not a DOI", path, index, "doi", rec.doi, [f"a bare DOI such as 10.1136/bmj.324.7341.819 (pattern {DOI_PATTERN})", "empty"])
        roles.append(_check_codes(path, index, "role", rec.role, vocab.ROLES))
        if rec.setting not in vocab.SETTINGS:
            _fail("value not in the controlled vocabulary", path, index, "setting", rec.setting, vocab.SETTINGS)
        if rec.study_type not in vocab.STUDY_TYPES:
            _fail("value not in the controlled vocabulary", path, index, "study_type", rec.study_type, vocab.STUDY_TYPES)
        if rec.evidence_level not in vocab.EVIDENCE_LEVELS:
            _fail("value not in the controlled vocabulary", path, index, "evidence_level", rec.evidence_level,
                  vocab.EVIDENCE_LEVELS)
        tags.append(_check_codes(path, index, "themes", rec.themes, known_themes))
        if not rec.key_finding.strip():
            _fail("key_finding is empty", path, index, "key_finding", rec.key_finding)
    frame["year"] = pd.array(years, dtype="Int64")
    frame["roles"] = roles
    frame["theme_tags"] = tags
    return frame


def record_roles(records: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per record and role (record_id, role)."""
    rows = [(rid, role) for rid, codes in zip(records["id"], records["roles"]) for role in codes]
    return pd.DataFrame(rows, columns=["record_id", "role"])


def record_theme_tags(records: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per record and theme tag in the records file (record_id, theme)."""
    rows = [(rid, theme) for rid, codes in zip(records["id"], records["theme_tags"]) for theme in codes]
    return pd.DataFrame(rows, columns=["record_id", "theme"])


# --------------------------------------------------------------------------- screening log

def load_exclusions(path=EXCLUSIONS) -> pd.DataFrame:
    """The screening log of candidates not included, validated, in file order."""
    frame = _read_csv(path, EXCLUSION_COLUMNS)
    for index, rec in enumerate(frame.itertuples(index=False)):
        if not rec.candidate.strip():
            _fail("candidate is empty", path, index, "candidate", rec.candidate)
        if rec.seen_url and not is_url(rec.seen_url):
            _fail("not an http(s) URL", path, index, "seen_url", rec.seen_url, ["http://... or https://...", "empty"])
        if rec.reason not in vocab.EXCLUSION_REASONS:
            _fail("value not in the controlled vocabulary", path, index, "reason", rec.reason,
                  vocab.EXCLUSION_REASONS)
    return frame


# --------------------------------------------------------------------------- coded findings

def load_coded_findings(path=CODED, records=None, themes_path=THEMES) -> pd.DataFrame:
    """The coded findings, validated against the records and the theme code book.

    `records` defaults to `load_records()`; every `record_id` must be one of its ids and
    every `theme` a theme of the code book; a record and theme pair appears at most once.
    """
    if records is None:
        records = load_records(themes_path=themes_path)
    frame = _read_csv(path, CODED_COLUMNS)
    ids = set(records["id"])
    known_themes = tuple(load_themes(themes_path)["theme"])
    seen: dict[tuple, int] = {}
    for index, rec in enumerate(frame.itertuples(index=False)):
        if rec.record_id not in ids:
            _fail("record_id does not match any record in evidence_records.csv", path, index,
                  "record_id", rec.record_id, "an id of evidence_records.csv")
        if rec.theme not in known_themes:
            _fail("theme not in the code book (themes.yml)", path, index, "theme", rec.theme, known_themes)
        if rec.direction not in DIRECTIONS:
            _fail("value not in the controlled vocabulary", path, index, "direction", rec.direction, DIRECTIONS)
        if rec.basis not in BASES:
            _fail("value not in the controlled vocabulary", path, index, "basis", rec.basis, BASES)
        if not rec.finding.strip():
            _fail("finding is empty", path, index, "finding", rec.finding)
        key = (rec.record_id, rec.theme)
        if key in seen:
            _fail(f"record and theme already coded in data row {seen[key] + 1}", path, index, "theme", rec.theme)
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


# --------------------------------------------------------------------------- the chapter's filter

def levels_at_or_above(min_level: str) -> list[str]:
    """Evidence levels kept by `min_evidence_level`: that level and every stronger one."""
    if min_level not in vocab.EVIDENCE_LEVELS:
        raise InputError("unknown evidence level", column="min_evidence_level", value=min_level,
                         allowed=vocab.EVIDENCE_LEVELS)
    return list(vocab.EVIDENCE_LEVELS[: vocab.EVIDENCE_LEVELS.index(min_level) + 1])


def keeps_undated(year_from: int, year_to: int, default_from: int, default_to: int) -> bool:
    """Records without a year are kept unless the year window is narrower than the default."""
    return year_from <= default_from and year_to >= default_to


def filter_records(records: pd.DataFrame, links: pd.DataFrame, *, roles="all", themes="all",
                   year_from: int, year_to: int, min_evidence_level: str,
                   default_year_from: int, default_year_to: int) -> pd.DataFrame:
    """The records a run of the chapter covers.

    A record is kept when it has at least one of `roles`, addresses at least one of `themes`
    (by `links`, see `theme_links`), was published from `year_from` to `year_to` inclusive,
    and its evidence level is `min_evidence_level` or stronger (order of
    `vocab.EVIDENCE_LEVELS`). `roles` and `themes` are lists of codes or "all". Records
    without a year are kept only while the year window is at least as wide as the default
    (`default_year_from` to `default_year_to`): narrowing the window means asking for dated
    evidence.
    """
    role_set = set(vocab.ROLES if roles == "all" else roles)
    theme_set = set(vocab.THEMES if themes == "all" else themes)
    keep = records["roles"].map(lambda codes: bool(role_set.intersection(codes)))
    addressed = links[links["theme"].isin(theme_set)]["record_id"]
    keep &= records["id"].isin(set(addressed))
    year = records["year"]
    dated = year.notna()
    in_window = dated & (year.fillna(0) >= year_from) & (year.fillna(0) <= year_to)
    undated_ok = keeps_undated(year_from, year_to, default_year_from, default_year_to)
    keep &= in_window | (~dated & undated_ok)
    keep &= records["evidence_level"].isin(levels_at_or_above(min_evidence_level))
    return records[keep.astype(bool)].reset_index(drop=True)


# --------------------------------------------------------------------------- summaries

# What a record's findings rest on, from `evidence_seen` and `record_note` (first rule that
# matches wins). The phrases are those the shared set uses when findings were read somewhere
# other than the record itself: a news release, news summary, blog, magazine or plain-English
# summary, a study website or briefing, or another publication of the same study.
SECONDARY_PATTERN = (r"findings (?:taken )?(?:from|via)|news summary of|news release summaris|"
                     r"outcome figures from|percentages read in|recommendations from secondary")
ABSTRACT_PATTERN = r"abstract"
BASIS_CATEGORIES = {
    "secondary_summary": "findings read in a secondary summary of the named work",
    "abstract": "findings read in an abstract",
    "own_summary_or_page": "findings read in the issuing body's own page, release, summary or opening sections",
}


def basis_of_evidence(records: pd.DataFrame) -> pd.DataFrame:
    """What each record's findings rest on, classified from `evidence_seen` and `record_note`.

    One row per record: record_id and basis, one of `BASIS_CATEGORIES`, by the first rule that
    matches: `secondary_summary` when either text says the findings were taken from another
    source (SECONDARY_PATTERN); `abstract` when `evidence_seen` names an abstract; otherwise
    `own_summary_or_page`.
    """
    both = (records["evidence_seen"] + " | " + records["record_note"]).str.lower()
    seen = records["evidence_seen"].str.lower()
    basis = []
    for text, read in zip(both, seen):
        if re.search(SECONDARY_PATTERN, text):
            basis.append("secondary_summary")
        elif re.search(ABSTRACT_PATTERN, read):
            basis.append("abstract")
        else:
            basis.append("own_summary_or_page")
    return pd.DataFrame({"record_id": records["id"].to_numpy(), "basis": basis})


# --------------------------------------------------------------------------- display labels

ROLE_LABELS = {
    "nursing_associate": "Nursing associate", "arrs": "ARRS (scheme as a whole)",
    "clinical_pharmacist": "Clinical pharmacist", "first_contact_physio": "First-contact physiotherapist",
    "paramedic": "Paramedic", "social_prescriber": "Social prescribing link worker",
    "physician_associate": "Physician associate", "anaesthesia_associate": "Anaesthesia associate",
    "acp": "Advanced clinical practitioner", "anp": "Advanced nurse practitioner",
    "nurse_practitioner": "Nurse practitioner", "enrolled_nurse": "Enrolled nurse",
    "hca": "Healthcare assistant", "assistant_practitioner": "Assistant practitioner",
    "ecp": "Emergency care practitioner", "modern_matron": "Modern matron",
    "nurse_consultant": "Nurse consultant", "care_coordinator": "Care coordinator", "other": "Other roles",
    "policy": "Policy events",
}
SETTING_LABELS = {"primary_care": "Primary care", "acute": "Acute (hospital)", "community": "Community",
                  "mixed": "Mixed or several"}
STUDY_TYPE_LABELS = {
    "qualitative": "Qualitative", "mixed_methods": "Mixed methods", "policy_report": "Policy report",
    "systematic_review": "Systematic review", "scoping_review": "Scoping review", "survey": "Survey",
    "rct": "Randomised trial", "cohort": "Cohort", "evaluation": "Evaluation", "other": "Other",
}
LEVEL_LABELS = {
    "review": "Review", "primary_research": "Primary research", "survey_of_opinion": "Survey of opinion",
    "policy_or_guidance": "Policy or guidance", "professional_body_view": "Professional body view",
    "news_or_commentary": "News or commentary",
}
DIRECTION_LABELS = {"barrier": "Barrier", "enabler": "Enabler", "mixed": "Mixed", "neutral": "Neutral"}
