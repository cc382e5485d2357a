"""The survey chapter (chapters/03_survey.ipynb): what each section shows, as tables, figures
and values to glue, for the publishing layer.

The work is done elsewhere in the package: `run` (responses, waves, weights), `profile` and
`results` (tables under disclosure control), `display` (tables as the page shows them),
`plots` (charts) and `wording` (the numbers and sentences of the prose). Each table is
computed once per chapter and shared by the methods that need it.
"""

from __future__ import annotations

from functools import cached_property

from ..core import chapter_spec
from ..core.artifacts import Figure, Table
from . import display, plots, profile, results, wording
from .run import SurveyRun

# Profile question -> (figure name, prefix of its glued values)
GROUPS = {"profession": ("professions", "prof"), "setting": ("settings", "set")}


class SurveyChapter:
    """The staff survey on ACP and PA roles: profile, weighting, estimates, comparisons, free text."""

    NAME = "survey"

    def __init__(self, params: dict):
        self.run = SurveyRun.from_parameters(params)

    @classmethod
    def from_notebook(cls, namespace: dict) -> SurveyChapter:
        return cls(chapter_spec.from_namespace(cls.NAME, namespace))

    # -- tables computed once ---------------------------------------------------------------
    @cached_property
    def _profile(self):
        return profile.response_profile(self.run)

    @cached_property
    def _details(self):
        return results.item_details(self.run)

    @cached_property
    def _likert(self):
        return results.likert(self.run, "current")

    @cached_property
    def _role_contrast(self):
        return results.role_contrast(self.run, "current")

    @cached_property
    def _wave_change(self):
        return results.wave_change(self.run)

    @cached_property
    def _freetext_counts(self):
        return results.freetext_counts(self.run, "current")

    @cached_property
    def _groups(self) -> dict:
        """By profile question in GROUPS: (estimates in each group, each group against the rest)."""
        return {by: (results.by_group(self.run, by), results.group_contrasts(self.run, by)) for by in GROUPS}

    # -- introduction -----------------------------------------------------------------------
    def intro_values(self) -> dict:
        return wording.intro_values(self.run)

    # -- response profile and weighting -----------------------------------------------------
    def profile_values(self) -> dict:
        return wording.profile_values(self.run, self._profile)

    def response_profile(self) -> Table:
        return Table(display.profile(self._profile), name="response_profile", data=self._profile)

    def weighting_diagnostics(self) -> Table:
        return Table(self.run.diagnostics, name="weighting_diagnostics")

    def weighting_values(self) -> dict:
        return wording.weighting_values(self.run)

    def weighting_margins(self) -> Table:
        margins = profile.margin_comparison(self.run)
        return Table(display.margins(margins), name="weighting_margins", data=margins)

    # -- estimates --------------------------------------------------------------------------
    def item_estimates(self) -> Table:
        """The fixed-interface estimates that the lessons chapter reads."""
        return Table(results.item_estimates(self.run, self._details), name="item_estimates")

    def estimate_values(self) -> dict:
        return wording.estimate_values(self.run, self._details)

    def estimates_table(self) -> Table:
        """Weighted and unweighted estimates side by side; the download has every detail."""
        frame = display.side_by_side(self._details, self.run.book, self.run.weighting_on)
        return Table(frame, name="item_details", data=self._details)

    def likert_figure(self) -> Figure:
        return plots.diverging_likert(
            self._likert, self.run.book.scale.values(), min_cell=self.run.min_cell, name="likert_current"
        )

    def likert_values(self) -> dict:
        return wording.likert_values(self.run, self._likert)

    # -- comparisons ------------------------------------------------------------------------
    def role_figure(self) -> Figure:
        return plots.role_contrast_chart(
            self._role_contrast, focus_role=self.run.focus_role, min_cell=self.run.min_cell, name="acp_vs_pa"
        )

    def role_values(self) -> dict:
        return wording.role_values(self.run, self._role_contrast)

    def group_tests(self, by: str) -> Table:
        """Each category of profile question `by` against all other respondents (download only)."""
        return Table(self._groups[by][1], name=f"{by}_contrasts")

    def group_figure(self, by: str) -> Figure:
        return plots.group_grid(
            self._groups[by][0],
            group_order=list(self.run.book.profile[by]),
            min_cell=self.run.min_cell,
            xlabel="% agreeing",
            overall=results.headline(self.run, self._details),
            name=GROUPS[by][0],
        )

    def group_values(self, by: str) -> dict:
        return wording.group_values(self.run, GROUPS[by][1], *self._groups[by])

    def wave_figure(self) -> Figure:
        return plots.wave_change_chart(
            self._wave_change, compare_waves=self.run.compare_waves, min_cell=self.run.min_cell, name="wave_change"
        )

    def wave_values(self) -> dict:
        return wording.wave_values(self.run, self._wave_change)

    # -- free text --------------------------------------------------------------------------
    def theme_figure(self) -> Figure:
        return plots.theme_bars(self._freetext_counts, min_cell=self.run.min_cell, name="freetext_themes")

    def freetext_values(self) -> dict:
        return wording.freetext_values(self.run, self._freetext_counts)

    def quotes_table(self) -> Table:
        quotes = results.quotes(self.run, self._freetext_counts)
        return Table(display.quotes(quotes), name="freetext_quotes", data=quotes)

    def redaction_table(self) -> Table:
        return Table(display.redactions(results.redactions(self.run, "current")))

    # -- methods note -----------------------------------------------------------------------
    def methods_values(self) -> dict:
        return wording.methods_values()
