"""`data/lessons/lessons.yml`: its shape as pydantic models, and the checks of what it names.

A lesson is a neutral statement of what helped or hindered the introduction of roles, linked
to the evidence records that support it, to the survey items that bear on it, to one of the
study's four recommendation areas, and rated for confidence in the style of GRADE-CERQual.
Justifications may carry placeholders such as ``{n_abstract}``, filled from the lesson's own
records (`summaries.evidence_profile`), so that no count is typed by hand.

The models reject an unknown key, a missing one or a value of the wrong kind or outside its
vocabulary; `load_lessons` then checks what the lessons name in other files (records in the
evidence base, items in the survey code book). Every error names the file, line and key.
"""

from __future__ import annotations

import string
from typing import Annotated, Literal

import pandas as pd
from pydantic import AfterValidator, Field, StringConstraints

from ..core import vocab
from ..core.errors import InputError
from ..core.paths import relative
from ..core.yaml_spec import Spec, line_at, load_yaml, parse
from .inputs import CODEBOOK_FILE, EVIDENCE_FILE, LESSONS_FILE, codebook_items, record_ids

# The study's four recommendation areas (names from the project brief; see data/lessons/README.md).
RECOMMENDATION_AREAS = (
    "implementation_capacity_and_support",
    "education_and_supervision_capacity",
    "wellbeing",
    "scope_of_practice_and_regulation",
)
# GRADE-CERQual components and levels.
COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")
CONCERNS = ("no_or_very_minor", "minor", "moderate", "serious")
RATINGS = ("high", "moderate", "low", "very_low")
# Placeholders a justification may use (see `summaries.evidence_profile`).
PLACEHOLDERS = (
    "n_records",
    "n_primary",
    "n_review",
    "n_policy",
    "n_opinion",
    "n_abstract",
    "n_summary",
    "n_document",
    "n_uk",
    "n_before_2015",
)


def _known_placeholders(text: str) -> str:
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None and field not in PLACEHOLDERS:
            raise ValueError(f"unknown placeholder {{{field}}}; allowed: {', '.join(PLACEHOLDERS)}")
    return text


Filled = Annotated[str, StringConstraints(min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OneLine = Annotated[Text, AfterValidator(lambda text: " ".join(text.split()))]
Justification = Annotated[Text, AfterValidator(_known_placeholders)]


class Component(Spec):
    concern: Literal[CONCERNS]
    justification: Justification


class Overall(Spec):
    rating: Literal[RATINGS]
    justification: Justification


class Confidence(Spec):
    methodological_limitations: Component
    coherence: Component
    adequacy: Component
    relevance: Component
    overall: Overall


class Lesson(Spec):
    id: Text
    short: Text
    statement: OneLine
    themes: tuple[Literal[vocab.THEMES], ...]
    records: tuple[str, ...] = Field(min_length=1)
    survey_items: tuple[str, ...]
    recommendation_area: Literal[RECOMMENDATION_AREAS]
    confidence: Confidence


class Area(Spec):
    label: Filled
    summary: Filled
    source: Filled


class LessonsFile(Spec):
    recommendation_areas: dict[Literal[RECOMMENDATION_AREAS], Area]
    lessons: list[Lesson] = Field(min_length=1)


def read(path=LESSONS_FILE) -> tuple[LessonsFile, object]:
    """The file parsed into models, and its YAML node tree (for the lines of later errors)."""
    data, node = load_yaml(path)
    spec = parse(LessonsFile, path, data, node)
    if list(spec.recommendation_areas) != list(RECOMMENDATION_AREAS):
        raise InputError(
            "recommendation_areas must list the four areas in order",
            file=relative(path),
            line=line_at(node, ["recommendation_areas"]),
            key="recommendation_areas",
            value=list(spec.recommendation_areas),
            allowed=RECOMMENDATION_AREAS,
        )
    return spec, node


def load_lessons(path=LESSONS_FILE, evidence_path=EVIDENCE_FILE, codebook_path=CODEBOOK_FILE) -> list[Lesson]:
    """The lessons, validated; each must name records of the evidence base and items of the
    survey code book, no record twice, and no two lessons may share an id."""
    spec, node = read(path)
    known_records, items = record_ids(evidence_path), codebook_items(codebook_path)
    evidence_file, codebook_file = relative(evidence_path), relative(codebook_path)

    def fail(problem, *loc, **extra):
        key = ".".join(map(str, ("lessons",) + loc))
        raise InputError(problem, file=relative(path), line=line_at(node, ["lessons", *loc]), key=key, **extra)

    seen = set()
    for i, lesson in enumerate(spec.lessons):
        if lesson.id in seen:
            fail(f"lesson {lesson.id}: duplicate id", i, "id")
        seen.add(lesson.id)
        for j, rid in enumerate(lesson.records):
            if rid not in known_records:
                fail(f"lesson {lesson.id}: record '{rid}' not found in {evidence_file}", i, "records", j)
            if rid in lesson.records[:j]:
                fail(f"lesson {lesson.id}: a record is listed twice", i, "records", j, value=rid)
        for j, item in enumerate(lesson.survey_items):
            if item not in items:
                fail(
                    f"lesson {lesson.id}: survey item '{item}' not found in {codebook_file}",
                    i,
                    "survey_items",
                    j,
                    allowed=sorted(items),
                )
    return spec.lessons


def recommendation_areas(path=LESSONS_FILE) -> pd.DataFrame:
    """The recommendation areas as described in lessons.yml (area, label, summary, source)."""
    spec, _ = read(path)
    return pd.DataFrame([{"area": code, **area.model_dump()} for code, area in spec.recommendation_areas.items()])
