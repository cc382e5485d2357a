"""A GRADE-CERQual Summary of Qualitative Findings for the lessons, from
`data/lessons/lessons.yml`.

The lessons domain validates that file in full (`skillmix.lessons.spec`); domains do not
import each other, so this module reads only what the summary needs, with models that ignore
the rest: each lesson's id, short title, statement, records and confidence (a concern for each
of the four components, and an overall rating with its justification). The summary has one
row per lesson, as in the layout of a Summary of Qualitative Findings table: the finding, the
number of records contributing to it, the overall confidence, and an explanation made of the
concern on each component and the overall justification. Component justifications are left to
the lessons chapter: they may hold counts computed there from the records.
"""

from __future__ import annotations

import string
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from ..core.errors import InputError
from ..core.paths import DATA, relative
from ..core.yaml_spec import load_yaml, parse

LESSONS_FILE = DATA / "lessons" / "lessons.yml"
COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")
CONCERNS = ("no_or_very_minor", "minor", "moderate", "serious")
RATINGS = ("high", "moderate", "low", "very_low")


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Component(_Read):
    concern: Literal[CONCERNS]


class Overall(_Read):
    rating: Literal[RATINGS]
    justification: str


class Confidence(_Read):
    methodological_limitations: Component
    coherence: Component
    adequacy: Component
    relevance: Component
    overall: Overall


class Lesson(_Read):
    id: str
    short: str
    statement: str
    records: tuple[str, ...]
    confidence: Confidence


class LessonsFile(_Read):
    lessons: list[Lesson]


def readable(code: str) -> str:
    return code.replace("_", " ")


def load_lessons(path=LESSONS_FILE) -> list[Lesson]:
    """The lessons' statements and confidence assessments (the rest of the file is ignored)."""
    data, node = load_yaml(path)
    lessons = parse(LessonsFile, path, data, node).lessons
    for lesson in lessons:
        text = lesson.confidence.overall.justification
        if any(field for _, field, _, _ in string.Formatter().parse(text) if field is not None):
            raise InputError(
                f"lesson {lesson.id}: the overall justification has a placeholder, which only the lessons "
                "chapter fills; the summary of qualitative findings shows it as written",
                file=relative(path),
                key="confidence.overall.justification",
            )
    return lessons


def explanation(lesson: Lesson) -> str:
    """'Moderate concerns about methodological limitations, minor concerns about coherence, ...'
    followed by the overall justification."""
    parts = [f"{readable(getattr(lesson.confidence, c).concern)} concerns about {readable(c)}" for c in COMPONENTS]
    text = ", ".join(parts)
    return f"{text[0].upper()}{text[1:]}. {' '.join(lesson.confidence.overall.justification.split())}"


def summary(lessons: list[Lesson]) -> pd.DataFrame:
    """One row per lesson: id, short title, statement, number of records, confidence and
    explanation (the download of the summary table)."""
    return pd.DataFrame(
        [
            {
                "lesson": lesson.id,
                "short": lesson.short,
                "finding": " ".join(lesson.statement.split()),
                "n_records": len(lesson.records),
                "confidence": readable(lesson.confidence.overall.rating),
                "explanation": explanation(lesson),
            }
            for lesson in lessons
        ],
        columns=["lesson", "short", "finding", "n_records", "confidence", "explanation"],
    )


def rating_counts(lessons: list[Lesson]) -> dict:
    """Number of lessons with each overall rating."""
    return {rating: sum(lesson.confidence.overall.rating == rating for lesson in lessons) for rating in RATINGS}
