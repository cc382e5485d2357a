"""Lessons: loading and validating `data/lessons/`, and the tables the lessons chapter shows.

A lesson (in `data/lessons/lessons.yml`) is a neutral statement of what helped or hindered
the introduction of roles, linked to the evidence records that support it, to the survey
items that bear on it, to one of the study's four recommendation areas, and rated for
confidence in the style of GRADE-CERQual. Justifications may carry placeholders such as
``{n_abstract}``; they are filled from the lesson's own records (see `evidence_profile`),
so that no count is typed by hand.

Every reference is checked: a lesson naming a record that is not in the evidence base, a
survey item that is not in the code book, or a code outside the vocabularies fails with an
`InputError` naming the lesson and what is missing.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from . import evidence
from .core import vocab
from .core.errors import InputError
from .core.paths import BUILD, DATA, relative
from .core.csv_input import read_csv

LESSONS_DIR = DATA / "lessons"
LESSONS_FILE = LESSONS_DIR / "lessons.yml"
PARALLELS_FILE = LESSONS_DIR / "historical_parallels.csv"
EVIDENCE_FILE = evidence.RECORDS
THEMES_FILE = evidence.THEMES
CODEBOOK_FILE = DATA / "survey" / "codebook.yml"
TIMELINE_FILE = DATA / "workforce" / "role_timeline.csv"

# The study's four recommendation areas (names from the project brief; see data/lessons/README.md).
RECOMMENDATION_AREAS = (
    "implementation_capacity_and_support", "education_and_supervision_capacity", "wellbeing",
    "scope_of_practice_and_regulation",
)
# GRADE-CERQual components and levels.
COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")
CONCERNS = ("no_or_very_minor", "minor", "moderate", "serious")
RATINGS = ("high", "moderate", "low", "very_low")

# What a record's finding was read from: the evidence review's classification
# (skillmix.evidence.basis_of_evidence), so that the lessons and the review count alike.
SEEN_BASES = tuple(evidence.BASIS_CATEGORIES)
SEEN_LABELS = dict(evidence.BASIS_CATEGORIES)

# Placeholders a justification may use (see `evidence_profile`).
PLACEHOLDERS = ("n_records", "n_primary", "n_review", "n_policy", "n_opinion", "n_abstract",
                "n_summary", "n_document", "n_uk", "n_before_2015")

LESSON_KEYS = ("id", "short", "statement", "themes", "records", "survey_items",
               "recommendation_area", "confidence")
PARALLEL_COLUMNS = ("role", "period", "what_happened", "lesson", "records", "timeline_source")


@dataclass(frozen=True)
class Lesson:
    id: str
    short: str
    statement: str
    themes: tuple
    records: tuple
    survey_items: tuple
    recommendation_area: str
    confidence: dict


# ---------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------

def load_evidence(path=EVIDENCE_FILE, themes_path=None) -> pd.DataFrame:
    """The evidence records, validated by `skillmix.evidence.load_records`, with `basis`
    (what each finding was read from; see `skillmix.evidence.basis_of_evidence`).

    The theme code book is looked for beside the records unless `themes_path` is given.
    """
    path = Path(path)
    themes_path = Path(themes_path) if themes_path else path.parent / "themes.yml"
    records = evidence.load_records(path, themes_path)
    basis = evidence.basis_of_evidence(records).set_index("record_id")["basis"]
    return records.assign(basis=records["id"].map(basis))


def codebook_items(path=CODEBOOK_FILE) -> dict[str, dict]:
    """The survey items of the code book, by id (each a dict with wording, theme, waves)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("survey code book not found", file=relative(path))
    book = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = book.get("items")
    if isinstance(items, dict):
        return {str(k): dict(v or {}, id=str(k)) for k, v in items.items()}
    if not isinstance(items, list) or not all(isinstance(i, dict) and "id" in i for i in items):
        raise InputError("expected a list of items, each with an 'id'", file=relative(path), column="items")
    return {str(i["id"]): i for i in items}


def codebook_roles(path=CODEBOOK_FILE) -> dict[str, str]:
    """The roles the survey asks about, code -> name as the questionnaire words it."""
    book = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (book.get("roles") or {}).items()}


def split_list(value) -> tuple:
    """A ';'-separated cell as a tuple of its non-empty parts."""
    return tuple(v.strip() for v in str(value or "").split(";") if v.strip())


class SourceChecker:
    """Checks that a row's sources exist: evidence record ids and role-timeline URLs."""

    def __init__(self, evidence_path=EVIDENCE_FILE, timeline_path=TIMELINE_FILE):
        self.evidence_file, self.timeline_file = relative(evidence_path), relative(timeline_path)
        self.record_ids = set(load_evidence(evidence_path)["id"])
        self.urls = set(pd.read_csv(timeline_path, dtype=str, keep_default_na=False)["source_url"])

    def check(self, row, where: dict, records_column: str, urls_column: str) -> None:
        records, urls = split_list(row[records_column]), split_list(row[urls_column])
        for rid in records:
            if rid not in self.record_ids:
                raise InputError(f"record '{rid}' not found in {self.evidence_file}", **where, column=records_column)
        for url in urls:
            if url not in self.urls:
                raise InputError(f"source not found in {self.timeline_file}", **where, column=urls_column, value=url)
        if not records and not urls:
            raise InputError(f"no source: give record ids ({records_column}) or role-timeline URLs ({urls_column})",
                             **where)


# ---------------------------------------------------------------------------------------
# Lessons
# ---------------------------------------------------------------------------------------

def _as_list(lesson_id, key, value, file) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        raise InputError(f"lesson {lesson_id}: '{key}' must be a list", file=file, value=value)
    return tuple(str(v) for v in value)


def _check_confidence(lesson_id, conf, file) -> dict:
    if not isinstance(conf, dict):
        raise InputError(f"lesson {lesson_id}: 'confidence' must be a mapping", file=file)
    missing = [c for c in COMPONENTS + ("overall",) if c not in conf]
    if missing:
        raise InputError(f"lesson {lesson_id}: confidence component missing", file=file,
                         value=missing[0], allowed=COMPONENTS + ("overall",))
    extra = sorted(set(conf) - set(COMPONENTS) - {"overall"})
    if extra:
        raise InputError(f"lesson {lesson_id}: unknown confidence component", file=file,
                         value=extra[0], allowed=COMPONENTS + ("overall",))
    for comp in COMPONENTS:
        entry = conf[comp] or {}
        if entry.get("concern") not in CONCERNS:
            raise InputError(f"lesson {lesson_id}: invalid concern for {comp}", file=file,
                             value=entry.get("concern"), allowed=CONCERNS)
        if not str(entry.get("justification", "")).strip():
            raise InputError(f"lesson {lesson_id}: {comp} has no justification", file=file)
    overall = conf["overall"] or {}
    if overall.get("rating") not in RATINGS:
        raise InputError(f"lesson {lesson_id}: invalid overall rating", file=file,
                         value=overall.get("rating"), allowed=RATINGS)
    if not str(overall.get("justification", "")).strip():
        raise InputError(f"lesson {lesson_id}: overall rating has no justification", file=file)
    for comp in COMPONENTS + ("overall",):
        text = conf[comp]["justification"]
        for _, field, _, _ in string.Formatter().parse(text):
            if field is not None and field not in PLACEHOLDERS:
                raise InputError(f"lesson {lesson_id}: unknown placeholder in {comp} justification",
                                 file=file, value=field, allowed=PLACEHOLDERS)
    return conf


def load_lessons(path=LESSONS_FILE, evidence_path=EVIDENCE_FILE, codebook_path=CODEBOOK_FILE) -> list[Lesson]:
    """Read and validate the lessons; raise InputError naming the lesson and the problem."""
    path = Path(path)
    file = relative(path)
    if not path.is_file():
        raise InputError("lessons file not found", file=file)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = raw.get("lessons")
    if not isinstance(entries, list) or not entries:
        raise InputError("expected a non-empty list under 'lessons'", file=file)
    record_ids = set(load_evidence(evidence_path)["id"])
    item_ids = set(codebook_items(codebook_path))
    evidence_file, codebook_file = relative(evidence_path), relative(codebook_path)

    lessons, seen = [], set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise InputError("lesson without an 'id'", file=file, row=position)
        lid = str(entry["id"])
        if lid in seen:
            raise InputError(f"lesson {lid}: duplicate id", file=file)
        seen.add(lid)
        missing = [k for k in LESSON_KEYS if k not in entry]
        if missing:
            raise InputError(f"lesson {lid}: missing field", file=file, value=missing[0], allowed=LESSON_KEYS)
        unknown = sorted(set(entry) - set(LESSON_KEYS))
        if unknown:
            raise InputError(f"lesson {lid}: unknown field", file=file, value=unknown[0], allowed=LESSON_KEYS)
        themes = _as_list(lid, "themes", entry["themes"], file)
        records = _as_list(lid, "records", entry["records"], file)
        items = _as_list(lid, "survey_items", entry["survey_items"], file)
        for theme in themes:
            if theme not in vocab.THEMES:
                raise InputError(f"lesson {lid}: unknown theme", file=file, value=theme, allowed=vocab.THEMES)
        if not records:
            raise InputError(f"lesson {lid}: no supporting records", file=file)
        for rid in records:
            if rid not in record_ids:
                raise InputError(f"lesson {lid}: record '{rid}' not found in {evidence_file}")
        if len(set(records)) != len(records):
            raise InputError(f"lesson {lid}: a record is listed twice", file=file, value=list(records))
        for item in items:
            if item not in item_ids:
                raise InputError(f"lesson {lid}: survey item '{item}' not found in {codebook_file}",
                                 allowed=sorted(item_ids))
        area = entry["recommendation_area"]
        if area not in RECOMMENDATION_AREAS:
            raise InputError(f"lesson {lid}: unknown recommendation area", file=file, value=area,
                             allowed=RECOMMENDATION_AREAS)
        for key in ("short", "statement"):
            if not str(entry[key] or "").strip():
                raise InputError(f"lesson {lid}: '{key}' is empty", file=file)
        conf = _check_confidence(lid, entry["confidence"], file)
        lessons.append(Lesson(lid, str(entry["short"]).strip(), " ".join(str(entry["statement"]).split()),
                              themes, records, items, area, conf))
    return lessons


def recommendation_areas(path=LESSONS_FILE) -> pd.DataFrame:
    """The recommendation areas as described in lessons.yml (code, label, summary, source)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    areas = raw.get("recommendation_areas") or {}
    if list(areas) != list(RECOMMENDATION_AREAS):
        raise InputError("recommendation_areas must list the four areas in order", file=relative(path),
                         value=list(areas), allowed=RECOMMENDATION_AREAS)
    return pd.DataFrame([{"area": code, **areas[code]} for code in RECOMMENDATION_AREAS])


# ---------------------------------------------------------------------------------------
# Tables for the chapter
# ---------------------------------------------------------------------------------------

def supporting_records(lesson: Lesson, evidence: pd.DataFrame) -> pd.DataFrame:
    """The lesson's records, strongest evidence level first, with roles and what was read."""
    order = {level: i for i, level in enumerate(vocab.EVIDENCE_LEVELS)}
    rows = evidence.set_index("id").loc[list(lesson.records)].reset_index()
    out = pd.DataFrame({
        "record": rows["id"],
        "year": rows["year"].astype("string").fillna("n.d."),
        "evidence level": rows["evidence_level"],
        "study type": rows["study_type"],
        "roles": rows["role"].str.replace(";", ", "),
        "country": rows["country"],
        "finding read from": rows["basis"].str.replace("_", " "),
        "key finding": rows["key_finding"],
    })
    out["_order"] = out["evidence level"].map(order)
    return out.sort_values(["_order", "record"]).drop(columns="_order").reset_index(drop=True)


def evidence_profile(lesson: Lesson, evidence: pd.DataFrame) -> dict:
    """Counts that justifications may quote: evidence levels, what was read, country, age."""
    rows = evidence.set_index("id").loc[list(lesson.records)]
    levels = rows["evidence_level"]
    basis = rows["basis"]
    years = rows["year"].astype("Float64")
    return {
        "n_records": len(rows),
        "n_primary": int((levels == "primary_research").sum()),
        "n_review": int((levels == "review").sum()),
        "n_policy": int((levels == "policy_or_guidance").sum()),
        "n_opinion": int(levels.isin(["survey_of_opinion", "professional_body_view", "news_or_commentary"]).sum()),
        "n_abstract": int((basis == "abstract").sum()),
        "n_summary": int((basis == "secondary_summary").sum()),
        "n_document": int((basis == "own_summary_or_page").sum()),
        "n_uk": int(rows["country"].str.match(r"(England|UK)\b").sum()),
        "n_before_2015": int((years < 2015).fillna(False).sum()),
    }


def confidence_table(lesson: Lesson, evidence: pd.DataFrame) -> pd.DataFrame:
    """The CERQual-style assessment with justifications filled from the lesson's records."""
    profile = evidence_profile(lesson, evidence)
    rows = []
    for comp in COMPONENTS:
        entry = lesson.confidence[comp]
        rows.append({"component": comp.replace("_", " "), "assessment": entry["concern"].replace("_", " ") + " concerns",
                     "justification": " ".join(entry["justification"].format(**profile).split())})
    overall = lesson.confidence["overall"]
    rows.append({"component": "overall confidence", "assessment": overall["rating"].replace("_", " "),
                 "justification": " ".join(overall["justification"].format(**profile).split())})
    return pd.DataFrame(rows)


def records_by_level_and_role(lesson: Lesson, evidence: pd.DataFrame) -> pd.DataFrame:
    """Number of the lesson's records by evidence level (rows) and role (columns).

    A record about several roles counts once under each of them.
    """
    rows = evidence.set_index("id").loc[list(lesson.records)].reset_index()
    long = rows.assign(role=rows["role"].str.split(";")).explode("role")
    long["role"] = long["role"].str.strip()
    table = pd.crosstab(long["evidence_level"], long["role"])
    levels = [lv for lv in vocab.EVIDENCE_LEVELS if lv in table.index]
    roles = [r for r in vocab.ROLES if r in table.columns]
    table = table.loc[levels, roles]
    table.index.name, table.columns.name = "evidence level", "role"
    return table


def overview(lessons: list[Lesson], evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per lesson: title, area, confidence and number of records and items (the
    statements follow in each lesson's own section)."""
    return pd.DataFrame([{
        "lesson": l.id, "short title": l.short,
        "recommendation area": l.recommendation_area.replace("_", " "),
        "confidence": l.confidence["overall"]["rating"].replace("_", " "),
        "records": len(l.records), "survey items": ", ".join(i.replace("_", " ") for i in l.survey_items) or "none",
    } for l in lessons])


def area_matrix(lessons: list[Lesson]) -> pd.DataFrame:
    """Lessons (rows) x the four recommendation areas (columns): the number of supporting
    records where the lesson maps to the area, 0 elsewhere."""
    table = pd.DataFrame(0, index=[l.id for l in lessons], columns=list(RECOMMENDATION_AREAS))
    for l in lessons:
        table.loc[l.id, l.recommendation_area] = len(l.records)
    table.index.name = "lesson"
    return table


def ratings_count(lessons: list[Lesson]) -> dict:
    """How many lessons have each overall rating (all four ratings, zeros included)."""
    counts = {r: 0 for r in RATINGS}
    for l in lessons:
        counts[l.confidence["overall"]["rating"]] += 1
    return counts


def cited_records(lessons: list[Lesson]) -> list[str]:
    """The distinct records cited by the lessons, in order of first citation."""
    return list(dict.fromkeys(r for l in lessons for r in l.records))


def by_id(lessons: list[Lesson]) -> dict[str, Lesson]:
    """The lessons keyed by id, in file order."""
    return {l.id: l for l in lessons}


def short_titles(lessons: list[Lesson]) -> dict[str, str]:
    """Lesson id -> short title."""
    return {l.id: l.short for l in lessons}


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """Recommendation area code -> label, from `recommendation_areas()`."""
    return dict(zip(areas["area"], areas["label"]))


def areas_table(areas: pd.DataFrame) -> pd.DataFrame:
    """The recommendation areas as the chapter shows them."""
    return areas.rename(columns={"area": "code"})[["code", "label", "summary", "source"]]


def parallels_table(parallels: pd.DataFrame) -> pd.DataFrame:
    """The historical parallels with readable column headers."""
    return parallels.rename(columns={"what_happened": "what happened", "timeline_source": "role-timeline source"})


# ---------------------------------------------------------------------------------------
# Values the chapter glues into its prose
# ---------------------------------------------------------------------------------------

SURVEY_NOTE = {
    True: ("**Synthetic data.** The survey results in this chapter were estimated from synthetic "
           "responses generated for this book, not from the study's survey: they show how the "
           "lessons and the survey are joined and say nothing about the views of real staff."),
    False: ("The survey results in this chapter were estimated from the survey responses given to "
            "the survey chapter of this run."),
}


def survey_note(estimates: pd.DataFrame) -> str:
    """What the survey results were built from (markdown): synthetic if any estimate is."""
    return SURVEY_NOTE[bool(estimates["synthetic"].any())]


def summary_values(lessons: list[Lesson], evidence: pd.DataFrame, parallels: pd.DataFrame,
                   estimates: pd.DataFrame) -> dict:
    """Counts the chapter's introduction quotes and the note on where the survey results come from."""
    from IPython.display import Markdown

    return {
        "lessons_n": len(lessons),
        "lessons_n_cited": len(cited_records(lessons)),
        "lessons_n_evidence": len(evidence),
        **{f"lessons_n_{rating}": count for rating, count in ratings_count(lessons).items()},
        "lessons_n_parallels": len(parallels),
        "lessons_n_items": len({i for l in lessons for i in l.survey_items}),
        "lessons_survey_note": Markdown(survey_note(estimates)),
    }


def lesson_values(lessons: list[Lesson], evidence: pd.DataFrame, areas: pd.DataFrame) -> dict:
    """For each lesson, `lessons_<id>_<field>`: its short title, statement, overall rating and
    recommendation area (markdown), and its numbers of records by kind (see `evidence_profile`)."""
    from IPython.display import Markdown

    labels = area_labels(areas)
    values = {}
    for l in lessons:
        profile = evidence_profile(l, evidence)
        values.update({
            f"lessons_{l.id}_short": Markdown(l.short),
            f"lessons_{l.id}_statement": Markdown(l.statement),
            f"lessons_{l.id}_rating": Markdown(l.confidence["overall"]["rating"].replace("_", " ")),
            f"lessons_{l.id}_area": Markdown(labels[l.recommendation_area].lower()),
            **{f"lessons_{l.id}_{key}": profile[key] for key in ("n_records", "n_primary", "n_review", "n_abstract")},
        })
    return values


def area_values(matrix: pd.DataFrame) -> dict:
    """`lessons_area_<area>`: how many lessons map to each recommendation area."""
    return {f"lessons_area_{area}": int(count) for area, count in (matrix > 0).sum().items()}


# ---------------------------------------------------------------------------------------
# Survey results
# ---------------------------------------------------------------------------------------

ESTIMATE_COLUMNS = ("item", "theme", "role", "wave", "weighted", "n", "pct_agree", "ci_low",
                    "ci_high", "suppressed", "synthetic")


def survey_estimates_path(survey_run: str = "", runs_dir=BUILD / "runs") -> Path:
    """Where the survey chapter's item estimates are: this book's own (relative to the
    working directory) or those of a named run under `_build/runs/`."""
    if not survey_run:
        return Path("outputs") / "survey" / "item_estimates.csv"
    runs_dir = Path(runs_dir)
    path = runs_dir / survey_run / "chapters" / "outputs" / "survey" / "item_estimates.csv"
    if not path.is_file():
        existing = sorted(p.name for p in runs_dir.iterdir() if p.is_dir()) if runs_dir.is_dir() else []
        raise InputError(f"survey run '{survey_run}' has no survey results ({relative(path)} not found)",
                         allowed=existing or "(no runs exist under _build/runs)")
    return path


def _as_bool(series: pd.Series, file, column) -> pd.Series:
    if series.dtype == bool:
        return series
    text = series.astype(str).str.strip().str.lower()
    mapping = {"true": True, "false": False, "1": True, "0": False}
    bad = text[~text.isin(list(mapping))]
    if len(bad):
        raise InputError("not a true/false value", file=file, row=int(bad.index[0]) + 2, column=column,
                         value=series[bad.index[0]])
    return text.map(mapping).astype(bool)


def load_survey_estimates(path) -> pd.DataFrame:
    """Read `item_estimates.csv` written by the survey chapter and check its columns."""
    file = relative(path)
    est = read_csv(path, ESTIMATE_COLUMNS, what="survey results (run the survey chapter first)", exact=False, text=False)
    for col in ("weighted", "suppressed", "synthetic"):
        est[col] = _as_bool(est[col], file, col)
    return est


def _wording(item: dict, role: str, role_names: dict) -> str:
    name = role_names.get(role, role.upper())
    text = str(item.get("wording", ""))
    return text.replace("{role_cap}", name[:1].upper() + name[1:]).replace("{role}", name)


def survey_for_lesson(lesson: Lesson, estimates: pd.DataFrame, items: dict | None = None,
                      role_names: dict | None = None) -> pd.DataFrame:
    """The current-wave agreement with each of the lesson's survey items, by role.

    The weighted estimate is used; where the survey run had no weighted estimate for an
    item and role, the unweighted one is shown and labelled so. Suppressed cells (too few
    respondents) keep their row with empty values. `source` says 'synthetic' when the
    estimate was built from synthetic responses.
    """
    cols = ["item", "role", "statement", "estimate", "n", "% agree", "CI low", "CI high", "source"]
    current = estimates[(estimates["wave"] == "current") & estimates["item"].isin(lesson.survey_items)]
    rows = []
    for item in lesson.survey_items:
        for role in sorted(current.loc[current["item"] == item, "role"].unique()):
            cell = current[(current["item"] == item) & (current["role"] == role)]
            pick = cell[cell["weighted"]] if cell["weighted"].any() else cell[~cell["weighted"]]
            row = pick.iloc[0]
            suppressed = bool(row["suppressed"])
            rows.append({
                "item": item, "role": role,
                "statement": _wording((items or {}).get(item, {}), role, role_names or {}),
                "estimate": ("weighted" if row["weighted"] else "unweighted")
                            + (", suppressed (too few respondents)" if suppressed else ""),
                "n": pd.NA if suppressed else row["n"],
                "% agree": pd.NA if suppressed else row["pct_agree"],
                "CI low": pd.NA if suppressed else row["ci_low"],
                "CI high": pd.NA if suppressed else row["ci_high"],
                "source": "synthetic" if row["synthetic"] else "survey responses",
            })
    out = pd.DataFrame(rows, columns=cols)
    for col in ("% agree", "CI low", "CI high"):
        out[col] = pd.to_numeric(out[col]).round(1)
    return out


# ---------------------------------------------------------------------------------------
# Historical parallels
# ---------------------------------------------------------------------------------------

def load_parallels(path=PARALLELS_FILE, lessons: list[Lesson] | None = None, evidence_path=EVIDENCE_FILE,
                   timeline_path=TIMELINE_FILE) -> pd.DataFrame:
    """The historical parallels, each checked: role code, lesson id, record ids and
    role-timeline source URLs must exist; every row needs a record or a timeline source."""
    file = relative(path)
    table = read_csv(path, PARALLEL_COLUMNS, what="historical parallels", exact=False)
    sources = SourceChecker(evidence_path, timeline_path)
    lesson_ids = {l.id for l in lessons} if lessons is not None else None
    for i, row in table.iterrows():
        where = {"file": file, "row": i + 2}
        if row["role"] not in vocab.ROLES:
            raise InputError("unknown role", **where, column="role", value=row["role"], allowed=vocab.ROLES)
        if lesson_ids is not None and row["lesson"] not in lesson_ids:
            raise InputError("unknown lesson", **where, column="lesson", value=row["lesson"], allowed=sorted(lesson_ids))
        sources.check(row, where, "records", "timeline_source")
        if not row["what_happened"].strip():
            raise InputError("empty", **where, column="what_happened")
    return table


# ---------------------------------------------------------------------------------------
# Figure
# ---------------------------------------------------------------------------------------

def plot_area_matrix(matrix: pd.DataFrame, short_titles: dict, area_labels: dict):
    """Heatmap of lessons x recommendation areas, each mapped cell annotated with the number
    of supporting records; unmapped cells are left blank. Returns the figure."""
    import matplotlib.pyplot as plt
    import numpy as np
    import seaborn as sns

    shown = matrix.replace(0, np.nan)
    fig, ax = plt.subplots(figsize=(8.5, 0.45 * len(matrix) + 1.8))
    sns.heatmap(shown, annot=True, fmt=".0f", cmap="viridis", vmin=0, cbar_kws={"label": "supporting records"},
                linewidths=0.5, linecolor="#d9d9d9", ax=ax)
    ax.set_yticklabels([f"{i} {short_titles[i]}" for i in matrix.index], rotation=0)
    ax.set_xticklabels([area_labels[a] for a in matrix.columns], rotation=20, ha="right")
    ax.grid(False)
    ax.set_xlabel("recommendation area")
    ax.set_ylabel("")
    return fig
