"""Counts over the lessons and their records: the placeholders of justifications, the
lessons-by-area matrix, and the values the chapter glues into its prose.

Glued text is returned as plain strings (markdown); numbers as ints.
"""

from __future__ import annotations

import re

import pandas as pd

from .spec import RATINGS, RECOMMENDATION_AREAS, Lesson
from .survey_results import survey_note

OPINION_LEVELS = ("survey_of_opinion", "professional_body_view", "news_or_commentary")
# Countries that make a record one "from England or the UK": every country it lists must be one.
UK_COUNTRIES = ("England", "Wales", "Scotland", "Northern Ireland", "UK")


def uk_only(country: str) -> bool:
    """True when every country a record lists (parenthetical remarks aside) is a UK country:
    "England", "UK" and "England; Wales" are; "UK; International" and "International" are not."""
    parts = [p.strip() for p in re.sub(r"\([^)]*\)", "", str(country)).split(";") if p.strip()]
    return bool(parts) and all(p in UK_COUNTRIES for p in parts)


def lesson_records(lesson: Lesson, records: pd.DataFrame) -> pd.DataFrame:
    """The lesson's records, in the order the lesson lists them, indexed by id."""
    return records.set_index("id").loc[list(lesson.records)]


def evidence_profile(lesson: Lesson, records: pd.DataFrame) -> dict:
    """Counts that justifications may quote: evidence levels, what was read, country, age."""
    rows = lesson_records(lesson, records)
    levels, basis = rows["evidence_level"], rows["basis"]
    years = rows["year"].astype("Float64")
    return {
        "n_records": len(rows),
        "n_primary": int((levels == "primary_research").sum()),
        "n_review": int((levels == "review").sum()),
        "n_policy": int((levels == "policy_or_guidance").sum()),
        "n_opinion": int(levels.isin(OPINION_LEVELS).sum()),
        "n_abstract": int((basis == "abstract").sum()),
        "n_summary": int((basis == "secondary_summary").sum()),
        "n_document": int((basis == "own_summary_or_page").sum()),
        "n_uk": int(rows["country"].map(uk_only).sum()),
        "n_not_uk": int((~rows["country"].map(uk_only)).sum()),
        "n_before_2015": int((years < 2015).fillna(False).sum()),
    }


def area_matrix(lessons: list[Lesson]) -> pd.DataFrame:
    """Lessons (rows) x the four recommendation areas (columns): the number of supporting
    records where the lesson maps to the area, 0 elsewhere."""
    table = pd.DataFrame(0, index=[lesson.id for lesson in lessons], columns=list(RECOMMENDATION_AREAS))
    for lesson in lessons:
        table.loc[lesson.id, lesson.recommendation_area] = len(lesson.records)
    table.index.name = "lesson"
    return table


def ratings_count(lessons: list[Lesson]) -> dict:
    """How many lessons have each overall rating (all four ratings, zeros included)."""
    counts = {r: 0 for r in RATINGS}
    for lesson in lessons:
        counts[lesson.confidence.overall.rating] += 1
    return counts


def cited_records(lessons: list[Lesson]) -> list[str]:
    """The distinct records cited by the lessons, in order of first citation."""
    return list(dict.fromkeys(r for lesson in lessons for r in lesson.records))


def short_titles(lessons: list[Lesson]) -> dict[str, str]:
    """Lesson id -> short title."""
    return {lesson.id: lesson.short for lesson in lessons}


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """Recommendation area code -> label, from `spec.recommendation_areas()`."""
    return dict(zip(areas["area"], areas["label"], strict=True))


def readable(code: str) -> str:
    """A code as words: 'very_low' -> 'very low'."""
    return code.replace("_", " ")


def summary_values(
    lessons: list[Lesson], records: pd.DataFrame, parallels: pd.DataFrame, estimates: pd.DataFrame
) -> dict:
    """Counts the chapter's introduction quotes and the note on where the survey results come from."""
    return {
        "lessons_n": len(lessons),
        "lessons_n_cited": len(cited_records(lessons)),
        "lessons_n_evidence": len(records),
        **{f"lessons_n_{rating}": count for rating, count in ratings_count(lessons).items()},
        "lessons_n_parallels": len(parallels),
        "lessons_n_items": len({i for lesson in lessons for i in lesson.survey_items}),
        "lessons_survey_note": survey_note(estimates),
    }


NO_RECOMMENDATION = "none of those listed on the NHS Employers page (which may list only a selection)"


def recommendation_list(lesson: Lesson) -> str:
    """The ids of the published recommendations a lesson bears on, as text ('R8, R9')."""
    return ", ".join(lesson.recommendations) or NO_RECOMMENDATION


def lessons_by_recommendation(lessons: list[Lesson], recommendations: pd.DataFrame) -> dict[str, list[str]]:
    """Recommendation id -> the ids of the lessons that bear on it (in lesson order)."""
    return {code: [lesson.id for lesson in lessons if code in lesson.recommendations] for code in recommendations["id"]}


def recommendation_values(lessons: list[Lesson], recommendations: pd.DataFrame) -> dict:
    """Counts the chapter quotes about the published recommendations and the mapping."""
    mapped = lessons_by_recommendation(lessons, recommendations)
    return {
        "lessons_n_recommendations": len(recommendations),
        "lessons_n_recommendations_cut_off": int((~recommendations["complete"].astype(bool)).sum()),
        "lessons_n_recommendations_mapped": sum(bool(ids) for ids in mapped.values()),
        "lessons_n_without_recommendation": sum(not lesson.recommendations for lesson in lessons),
        "lessons_without_recommendation": ", ".join(lesson.id for lesson in lessons if not lesson.recommendations)
        or "none",
    }


def lesson_values(lessons: list[Lesson], records: pd.DataFrame, areas: pd.DataFrame) -> dict:
    """For each lesson, `lessons_<id>_<field>`: its short title, statement, overall rating,
    recommendation area and the recommendations it bears on (text), and its numbers of records
    by kind (see `evidence_profile`)."""
    labels = area_labels(areas)
    values = {}
    for lesson in lessons:
        profile = evidence_profile(lesson, records)
        values.update(
            {
                f"lessons_{lesson.id}_short": lesson.short,
                f"lessons_{lesson.id}_statement": lesson.statement,
                f"lessons_{lesson.id}_rating": readable(lesson.confidence.overall.rating),
                f"lessons_{lesson.id}_area": labels[lesson.recommendation_area].lower(),
                f"lessons_{lesson.id}_recommendations": recommendation_list(lesson),
                **{
                    f"lessons_{lesson.id}_{key}": profile[key]
                    for key in ("n_records", "n_primary", "n_review", "n_abstract")
                },
            }
        )
    return values


def area_values(matrix: pd.DataFrame) -> dict:
    """`lessons_area_<area>`: how many lessons map to each recommendation area."""
    return {f"lessons_area_{area}": int(count) for area, count in (matrix > 0).sum().items()}
