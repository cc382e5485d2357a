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
        return Table(tables.overview(self.lessons))

    def confidence_table(self, lesson_id: str) -> Table:
        return Table(tables.confidence_table(self._lesson(lesson_id), self.records))

    def supporting_records(self, lesson_id: str) -> Table:
        return Table(tables.supporting_records(self._lesson(lesson_id), self.records))

    def survey_for_lesson(self, lesson_id: str) -> Table:
        return Table(
            tables.survey_for_lesson(self._lesson(lesson_id), self.estimates, self.survey_items, self.survey_roles),
            data_status=self.survey_status,
        )

    def areas_table(self) -> Table:
        return Table(tables.areas_table(self.areas))

    def recommendations_table(self) -> Table:
        """The published recommendations, verbatim, with the lessons bearing on each."""
        return Table(
            tables.recommendations_table(self.recommendations, self.areas, self.lessons), name="recommendations"
        )

    def parallels_table(self) -> Table:
        """Shown with readable headers; downloaded as in the data file."""
        return Table(tables.parallels_table(self.parallels), name="historical_parallels", data=self.parallels)

    # --- figure
    def area_matrix_figure(self) -> Figure:
        return plots.area_matrix_figure(
            summaries.area_matrix(self.lessons), summaries.short_titles(self.lessons), summaries.area_labels(self.areas)
        )
