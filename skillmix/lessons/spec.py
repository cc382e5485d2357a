"""`data/lessons/lessons.yml`: its shape as pydantic models, and the checks of what it names.

A lesson is a neutral statement of what helped or hindered the introduction of roles, linked
to the evidence records that support it, to the survey items that bear on it, to one of the
study's four recommendation areas and to the study's published recommendations it bears on
(`recommendations`, quoted verbatim from the NHS Employers page for the report), and rated
for confidence in the style of GRADE-CERQual. A lesson whose statement places evidence in time
declares it (`timing`): which records were published before or after which dated event of the
role timeline, so that `checks` can test it against the records' years.
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

# The study's four recommendation areas, as named on the NHS Employers page for the report
# (see `recommendations_source` in lessons.yml and data/lessons/README.md).
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
    "n_not_uk",
    "n_before_2015",
)
RELATIONS = ("before", "after")
RECOMMENDATION_ID = r"^R\d+$"


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


class TimelineEvent(Spec):
    """An event of the role timeline (`data/workforce/role_timeline.csv`), by role and year."""

    role: Text
    year: int


class Timing(Spec):
    """The statement places these records before or after a dated event."""

    event: TimelineEvent
    records_published: Literal[RELATIONS]
    records: tuple[str, ...] = Field(min_length=1)


class Lesson(Spec):
    id: Text
    short: Text
    statement: OneLine
    themes: tuple[Literal[vocab.THEMES], ...]
    records: tuple[str, ...] = Field(min_length=1)
    survey_items: tuple[str, ...]
    recommendation_area: Literal[RECOMMENDATION_AREAS]
    recommendations: tuple[Annotated[str, StringConstraints(pattern=RECOMMENDATION_ID)], ...]
    timing: tuple[Timing, ...] = ()
    confidence: Confidence


class Area(Spec):
    label: Filled
    summary: Filled
    source: Filled


class Recommendation(Spec):
    """One recommendation as published, verbatim; `complete` is false where the copy seen
    was cut off, and `note` then says where."""

    area: Literal[RECOMMENDATION_AREAS]
    text: OneLine
    complete: bool
    note: str = ""


class RecommendationsSource(Spec):
    title: Text
    publisher: Text
    url: Text
    record: Text
    introduction: OneLine
    caveat: OneLine


class LessonsFile(Spec):
    recommendations_source: RecommendationsSource
    recommendation_areas: dict[Literal[RECOMMENDATION_AREAS], Area]
    recommendations: dict[Annotated[str, StringConstraints(pattern=RECOMMENDATION_ID)], Recommendation]
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
    for code, rec in spec.recommendations.items():
        if not rec.complete and not rec.note.strip():
            raise InputError(
                "a recommendation not seen in full needs a note saying where the copy seen ends",
                file=relative(path),
                line=line_at(node, ["recommendations", code]),
                key=f"recommendations.{code}.note",
            )
    return spec, node


def load_lessons(path=LESSONS_FILE, evidence_path=EVIDENCE_FILE, codebook_path=CODEBOOK_FILE) -> list[Lesson]:
    """The lessons, validated; each must name records of the evidence base and items of the
    survey code book, no record twice, and no two lessons may share an id. Recommendations
    must be defined in the file; a lesson that names any must have its area among theirs.
    Records in a `timing` claim must be records of the lesson."""
    spec, node = read(path)
    known_records, items = record_ids(evidence_path), codebook_items(codebook_path)
    evidence_file, codebook_file = relative(evidence_path), relative(codebook_path)

    def fail(problem, *loc, **extra):
        key = ".".join(map(str, ("lessons",) + loc))
        raise InputError(problem, file=relative(path), line=line_at(node, ["lessons", *loc]), key=key, **extra)

    if spec.recommendations_source.record not in known_records:
        raise InputError(
            f"recommendations_source: record '{spec.recommendations_source.record}' not found in {evidence_file}",
            file=relative(path),
            line=line_at(node, ["recommendations_source", "record"]),
            key="recommendations_source.record",
        )
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
        _check_links(lesson, i, spec.recommendations, fail)
    return spec.lessons


def _check_links(lesson: Lesson, index: int, recommendations: dict, fail) -> None:
    """A lesson's recommendations must be defined, its area among theirs (if it names any), and
    its timing claims must name only its own records. `fail(problem, *key_path, **extra)`, the
    key path starting at the lesson's `index`."""
    for j, code in enumerate(lesson.recommendations):
        if code not in recommendations:
            fail(
                f"lesson {lesson.id}: recommendation '{code}' is not defined under recommendations",
                index,
                "recommendations",
                j,
                allowed=sorted(recommendations),
            )
    areas = {recommendations[code].area for code in lesson.recommendations}
    if areas and lesson.recommendation_area not in areas:
        fail(
            f"lesson {lesson.id}: its area is not the area of any recommendation it names",
            index,
            "recommendation_area",
            value=lesson.recommendation_area,
            allowed=sorted(areas),
        )
    for j, claim in enumerate(lesson.timing):
        for k, rid in enumerate(claim.records):
            if rid not in lesson.records:
                fail(
                    f"lesson {lesson.id}: timing names record '{rid}', which the lesson does not cite",
                    index,
                    "timing",
                    j,
                    "records",
                    k,
                )


def recommendation_areas(path=LESSONS_FILE) -> pd.DataFrame:
    """The recommendation areas as described in lessons.yml (area, label, summary, source)."""
    spec, _ = read(path)
    return pd.DataFrame([{"area": code, **area.model_dump()} for code, area in spec.recommendation_areas.items()])


def recommendations(path=LESSONS_FILE) -> pd.DataFrame:
    """The published recommendations (id, area, text, complete, note), in file order."""
    spec, _ = read(path)
    return pd.DataFrame(
        [{"id": code, **rec.model_dump()} for code, rec in spec.recommendations.items()],
        columns=["id", "area", "text", "complete", "note"],
    )


def recommendations_source(path=LESSONS_FILE) -> RecommendationsSource:
    """Where the recommendations were published, and the caveats on the copy seen."""
    return read(path)[0].recommendations_source
