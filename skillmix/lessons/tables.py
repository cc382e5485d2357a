"""The tables the lessons chapter shows (frames with readable headers)."""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.labels import LEVEL_LABELS, STUDY_TYPE_LABELS, label_codes
from .spec import COMPONENTS, Lesson
from .summaries import evidence_profile, lesson_records, lessons_by_recommendation, readable

SURVEY_COLUMNS = ["item", "role", "statement", "estimate", "n", "% agree", "CI low", "CI high", "source"]
SUPPRESSED = ", suppressed (too few respondents)"


def overview(lessons: list[Lesson]) -> pd.DataFrame:
    """One row per lesson: title, area, confidence and number of records and items (the
    statements follow in each lesson's own section)."""
    return pd.DataFrame(
        [
            {
                "lesson": lesson.id,
                "short title": lesson.short,
                "area": readable(lesson.recommendation_area),
                "confidence": readable(lesson.confidence.overall.rating),
                "recommendations": ", ".join(lesson.recommendations) or "none listed",
                "records": len(lesson.records),
                "survey items": ", ".join(map(readable, lesson.survey_items)) or "none",
            }
            for lesson in lessons
        ]
    )


def _filled(text: str, profile: dict) -> str:
    return " ".join(text.format(**profile).split())


def confidence_table(lesson: Lesson, records: pd.DataFrame) -> pd.DataFrame:
    """The CERQual-style assessment with justifications filled from the lesson's records."""
    profile = evidence_profile(lesson, records)
    rows = [
        {
            "component": readable(comp),
            "assessment": readable(entry.concern) + " concerns",
            "justification": _filled(entry.justification, profile),
        }
        for comp, entry in ((c, getattr(lesson.confidence, c)) for c in COMPONENTS)
    ]
    overall = lesson.confidence.overall
    rows.append(
        {
            "component": "overall confidence",
            "assessment": readable(overall.rating),
            "justification": _filled(overall.justification, profile),
        }
    )
    return pd.DataFrame(rows)


def supporting_records(lesson: Lesson, records: pd.DataFrame) -> pd.DataFrame:
    """The lesson's records, strongest evidence level first, with roles and what was read."""
    order = {level: i for i, level in enumerate(vocab.EVIDENCE_LEVELS)}
    rows = lesson_records(lesson, records).reset_index()
    out = pd.DataFrame(
        {
            "record": rows["id"],
            "year": rows["year"].astype("string").fillna("n.d."),
            "evidence level": rows["evidence_level"],
            "study type": rows["study_type"],
            "roles": rows["role"].str.replace(";", ", "),
            "country": rows["country"],
            "finding read from": rows["basis"].str.replace("_", " "),
            "key finding": rows["key_finding"],
        }
    )
    out["_order"] = out["evidence level"].map(order)
    return out.sort_values(["_order", "record"]).drop(columns="_order").reset_index(drop=True)


def records_shown(table: pd.DataFrame) -> pd.DataFrame:
    """`supporting_records` as the page shows it, narrow enough for the text column: the record
    (its citation label on the page), what kind of evidence it is, its roles and its key finding."""
    evidence = [
        f"{LEVEL_LABELS.get(level, level)}; {STUDY_TYPE_LABELS.get(kind, kind).lower()}; {country}; read in {read}"
        for level, kind, country, read in zip(
            table["evidence level"], table["study type"], table["country"], table["finding read from"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "Record": table["record"],
            "Evidence": evidence,
            "Roles": [label_codes("roles", roles) for roles in table["roles"]],
            "Key finding": table["key finding"],
        }
    )


def _wording(item: dict, role: str, role_names: dict) -> str:
    name = role_names.get(role, role.upper())
    text = str(item.get("wording", ""))
    return text.replace("{role_cap}", name[:1].upper() + name[1:]).replace("{role}", name)


def survey_for_lesson(
    lesson: Lesson, estimates: pd.DataFrame, items: dict | None = None, role_names: dict | None = None
) -> pd.DataFrame:
    """The current-wave agreement with each of the lesson's survey items, by role.

    The weighted estimate is used; where the survey run had no weighted estimate for an
    item and role, the unweighted one is shown and labelled so. Suppressed cells (too few
    respondents) keep their row with empty values. `source` says 'synthetic' when the
    estimate was built from synthetic responses.
    """
    current = estimates[(estimates["wave"] == "current") & estimates["item"].isin(lesson.survey_items)]
    rows = []
    for item in lesson.survey_items:
        for role in sorted(current.loc[current["item"] == item, "role"].unique()):
            cell = current[(current["item"] == item) & (current["role"] == role)]
            row = (cell[cell["weighted"]] if cell["weighted"].any() else cell[~cell["weighted"]]).iloc[0]
            hidden = bool(row["suppressed"])
            rows.append(
                {
                    "item": item,
                    "role": role,
                    "statement": _wording((items or {}).get(item, {}), role, role_names or {}),
                    "estimate": ("weighted" if row["weighted"] else "unweighted") + (SUPPRESSED if hidden else ""),
                    **{
                        col: pd.NA if hidden else row[src]
                        for col, src in (
                            ("n", "n"),
                            ("% agree", "pct_agree"),
                            ("CI low", "ci_low"),
                            ("CI high", "ci_high"),
                        )
                    },
                    "source": "synthetic" if row["synthetic"] else "survey responses",
                }
            )
    out = pd.DataFrame(rows, columns=SURVEY_COLUMNS)
    for col in ("% agree", "CI low", "CI high"):
        out[col] = pd.to_numeric(out[col]).round(1)
    return out


def survey_shown(table: pd.DataFrame) -> pd.DataFrame:
    """`survey_for_lesson` as the page shows it: the statement (which names the role), the
    estimate and its interval (the download keeps the item and role codes and the source)."""
    return table[["statement", "estimate", "n", "% agree", "CI low", "CI high"]].assign(
        estimate=table["estimate"].str[:1].str.upper() + table["estimate"].str[1:]
    )


def areas_table(areas: pd.DataFrame) -> pd.DataFrame:
    """The recommendation areas as the chapter shows them: label, summary and source."""
    return areas.drop(columns="area").rename(columns={"label": "area"})[["area", "summary", "source"]]


CUT_OFF = " [the copy seen ends here]"


def recommendations_table(recommendations: pd.DataFrame, areas: pd.DataFrame, lessons: list[Lesson]) -> pd.DataFrame:
    """The published recommendations, verbatim, by area, with the lessons that bear on each.
    An item the copy seen cut off is marked so at its end."""
    labels = dict(zip(areas["area"], areas["label"], strict=True))
    mapped = lessons_by_recommendation(lessons, recommendations)
    return pd.DataFrame(
        {
            "id": recommendations["id"],
            "area": recommendations["area"].map(labels),
            "recommendation (verbatim)": [
                text + ("" if complete else CUT_OFF)
                for text, complete in zip(recommendations["text"], recommendations["complete"], strict=True)
            ],
            "lessons bearing on it": [", ".join(mapped[code]) or "none" for code in recommendations["id"]],
        }
    )


def parallels_table(parallels: pd.DataFrame) -> pd.DataFrame:
    """The historical parallels with readable column headers."""
    return parallels.rename(columns={"what_happened": "what happened", "timeline_source": "role-timeline source"})
