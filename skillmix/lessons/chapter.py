"""The lessons chapter (`chapters/04_lessons.ipynb`): the façade its notebook calls."""

from __future__ import annotations

from ..core.artifacts import SYNTHETIC, Figure, MarkdownText, Table, Values
from ..core.chapter_spec import ChapterFacade
from ..core.errors import InputError
from ..core.timeline import load_timeline
from . import claims, inputs, plots, spec, summaries, tables
from .parallels import load_parallels
from .survey_results import load_survey_estimates, survey_estimates_path


def _as_markdown(values: dict) -> dict:
    """Text values glued as markdown (for {glue:md}), numbers as they are."""
    return {key: MarkdownText(value) if isinstance(value, str) else value for key, value in values.items()}


# The source line of the tables built from the lessons' specification.
LESSONS_SOURCE = "The lessons and their assessments (data/lessons/lessons.yml)"


class LessonsChapter(ChapterFacade):
    """The lessons, their evidence, confidence and survey results, the recommendation areas
    and the historical parallels. Tables and figures are `core.artifacts` objects; glue
    values are dicts."""

    NAME = "lessons"

    def __init__(self, params: dict):
        super().__init__(params)
        self.records = inputs.load_records()
        self.survey_items = inputs.codebook_items()
        self.survey_roles = inputs.codebook_roles()
        self.lessons = spec.load_lessons()
        self.by_id = {lesson.id: lesson for lesson in self.lessons}
        self.areas = spec.recommendation_areas()
        self.recommendations = spec.recommendations()
        self.recommendations_source = spec.recommendations_source()
        claims.check(self.lessons, self.records, load_timeline(inputs.TIMELINE_FILE))
        self.parallels = load_parallels(lesson_ids=set(self.by_id))
        self.estimates = load_survey_estimates(survey_estimates_path(params["survey_run"]))

    def _lesson(self, lesson_id: str) -> spec.Lesson:
        if lesson_id not in self.by_id:
            raise InputError("unknown lesson", value=lesson_id, allowed=list(self.by_id))
        return self.by_id[lesson_id]

    # --- glued values
    @property
    def survey_status(self) -> str | None:
        """SYNTHETIC when the survey results drawn on were estimated from synthetic responses."""
        return SYNTHETIC if self.estimates["synthetic"].any() else None

    def summary_values(self) -> Values:
        """Counts for the introduction and the note on where the survey results come from
        (the note marked synthetic when the survey results are)."""
        values = _as_markdown(summaries.summary_values(self.lessons, self.records, self.parallels, self.estimates))
        return Values(values, self.survey_status, only=["lessons_survey_note"])

    def lesson_values(self) -> dict:
        """Each lesson's title, statement, rating, area and record counts."""
        return _as_markdown(summaries.lesson_values(self.lessons, self.records, self.areas))

    def area_values(self) -> dict:
        """How many lessons map to each recommendation area."""
        return summaries.area_values(summaries.area_matrix(self.lessons))

    def recommendation_values(self) -> dict:
        """How many recommendations were seen, cut off and mapped, and lessons without one; and
        what was seen of the study's findings (its evidence record's key finding, as markdown)."""
        finding = self.records.set_index("id").loc[self.recommendations_source.record, "key_finding"]
        return _as_markdown(
            {
                **summaries.recommendation_values(self.lessons, self.recommendations),
                "lessons_study_key_finding": finding,
            }
        )

    # --- tables
    def overview(self) -> Table:
        return Table(
            tables.overview(self.lessons),
            name="lessons_overview",
            caption="The lessons: recommendation area, confidence, recommendations they bear on, records and survey items",
            source=LESSONS_SOURCE,
        )

    def confidence_table(self, lesson_id: str) -> Table:
        return Table(
            tables.confidence_table(self._lesson(lesson_id), self.records),
            name=f"confidence_{lesson_id}",
            caption=f"Confidence in lesson {lesson_id}: the assessment of each component, with its justification",
            source=f"{LESSONS_SOURCE}; counts from the lesson's evidence records.",
        )

    def supporting_records(self, lesson_id: str) -> Table:
        records = tables.supporting_records(self._lesson(lesson_id), self.records)
        return Table(
            tables.records_shown(records),
            name=f"records_{lesson_id}",
            data=records,
            caption=f"The evidence records behind lesson {lesson_id}, strongest evidence level first",
            source="Evidence records (data/evidence/evidence_records.csv); each record is listed under References.",
            formats={"Record": "cite"},
        )

    def survey_for_lesson(self, lesson_id: str) -> Table:
        estimates = tables.survey_for_lesson(
            self._lesson(lesson_id), self.estimates, self.survey_items, self.survey_roles
        )
        return Table(
            tables.survey_shown(estimates),
            name=f"survey_{lesson_id}",
            data=estimates,
            caption=f"Survey items of lesson {lesson_id}: current-wave agreement by role",
            source="The survey chapter's estimates (outputs/survey/item_estimates.csv).",
            formats={"% agree": "pct:1", "CI low": "decimal:1", "CI high": "decimal:1"},
            data_status=self.survey_status,
        )

    def areas_table(self) -> Table:
        return Table(
            tables.areas_table(self.areas),
            name="recommendation_areas",
            caption="The recommendation areas the lessons are grouped by",
            source=LESSONS_SOURCE,
            formats={"source": "link"},
        )

    def recommendations_table(self) -> Table:
        """The published recommendations, verbatim, with the lessons bearing on each."""
        return Table(
            tables.recommendations_table(self.recommendations, self.areas, self.lessons),
            name="recommendations",
            caption="The published recommendations, quoted verbatim, with the lessons bearing on each",
            source="NHS Employers, as recorded in data/lessons/lessons.yml.",
        )

    def parallels_table(self) -> Table:
        """Shown with readable headers; downloaded as in the data file."""
        return Table(
            tables.parallels_table(self.parallels),
            name="historical_parallels",
            data=self.parallels,
            caption="Historical parallels: earlier roles and what happened to them",
            source="Historical parallels (data/lessons/historical_parallels.csv), with their evidence records "
            "and role-timeline sources.",
            formats={"records": "cite", "role-timeline source": "link"},
        )

    # --- figure
    def area_matrix_figure(self) -> Figure:
        return plots.area_matrix_figure(
            summaries.area_matrix(self.lessons), summaries.short_titles(self.lessons), summaries.area_labels(self.areas)
        )
