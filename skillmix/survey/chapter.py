"""The survey chapter (chapters/03_survey.ipynb): what each section shows, as tables, figures
and values to glue, for the publishing layer.

The work is done elsewhere in the package: `run` (responses, waves, weights), `profile` and
`results` (tables under disclosure control), `display` (tables as the page shows them),
`plots` (charts) and `wording` (the numbers and sentences of the prose). Each table is
computed once per chapter and shared by the methods that need it.
"""

from __future__ import annotations

from ..core import survey_outputs
from ..core.artifacts import Figure, Table
from ..core.chapter_spec import ChapterFacade
from . import display, plots, profile, results, wording
from .run import SurveyRun

# Profile question -> (figure name, prefix of its glued values)
GROUPS = {"profession": ("professions", "prof"), "setting": ("settings", "set")}


def _group_results(run: SurveyRun) -> dict:
    """By profile question in GROUPS: (estimates in each group, each group against the rest)."""
    return {by: (results.by_group(run, by), results.group_contrasts(run, by)) for by in GROUPS}


# The tables that several sections use (current wave unless the table spans waves), each
# computed from the run on first use and then shared: name -> function of the run.
SHARED = {
    "profile": profile.response_profile,
    "details": results.item_details,
    "likert": results.likert,
    "role_contrast": results.role_contrast,
    "wave_change": results.wave_change,
    "freetext_counts": results.freetext_counts,
    "groups": _group_results,
}


class SurveyChapter(ChapterFacade):
    """The staff survey on ACP and PA roles: profile, weighting, estimates, comparisons, free text."""

    NAME = "survey"

    def __init__(self, params: dict):
        super().__init__(params)
        self.run = SurveyRun.from_parameters(params)
        self._computed = {}

    def _shared(self, name: str):
        """The table `name` of SHARED, computed once per chapter."""
        if name not in self._computed:
            self._computed[name] = SHARED[name](self.run)
        return self._computed[name]

    # -- introduction -----------------------------------------------------------------------
    def intro_values(self) -> dict:
        return wording.intro_values(self.run)

    # -- response profile and weighting -----------------------------------------------------
    def profile_values(self) -> dict:
        return wording.profile_values(self.run, self._shared("profile"))

    def response_profile(self) -> Table:
        table = self._shared("profile")
        return Table(display.profile(table), name="response_profile", data=table)

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
        return Table(results.item_estimates(self.run, self._shared("details")), name=survey_outputs.ITEM_ESTIMATES)

    def estimate_values(self) -> dict:
        return wording.estimate_values(self.run, self._shared("details"))

    def estimates_table(self) -> Table:
        """Weighted and unweighted estimates side by side; the download has every detail."""
        details = self._shared("details")
        frame = display.side_by_side(details, self.run.book, self.run.weighting_on)
        return Table(frame, name="item_details", data=details)

    def likert_figure(self) -> Figure:
        return plots.diverging_likert(
            self._shared("likert"), self.run.book.scale.values(), min_cell=self.run.min_cell, name="likert_current"
        )

    def likert_values(self) -> dict:
        return wording.likert_values(self.run, self._shared("likert"))

    # -- comparisons ------------------------------------------------------------------------
    def role_figure(self) -> Figure:
        return plots.role_contrast_chart(
            self._shared("role_contrast"), focus_role=self.run.focus_role, min_cell=self.run.min_cell, name="acp_vs_pa"
        )

    def role_values(self) -> dict:
        return wording.role_values(self.run, self._shared("role_contrast"))

    def group_tests(self, by: str) -> Table:
        """Each category of profile question `by` against all other respondents (download only)."""
        return Table(self._shared("groups")[by][1], name=f"{by}_contrasts")

    def group_figure(self, by: str) -> Figure:
        return plots.group_grid(
            self._shared("groups")[by][0],
            group_order=list(self.run.book.profile[by]),
            min_cell=self.run.min_cell,
            xlabel="% agreeing",
            overall=results.headline(self.run, self._shared("details")),
            name=GROUPS[by][0],
        )

    def group_values(self, by: str) -> dict:
        return wording.group_values(self.run, GROUPS[by][1], *self._shared("groups")[by])

    def wave_figure(self) -> Figure:
        return plots.wave_change_chart(
            self._shared("wave_change"),
            compare_waves=self.run.compare_waves,
            min_cell=self.run.min_cell,
            name="wave_change",
        )

    def wave_values(self) -> dict:
        return wording.wave_values(self.run, self._shared("wave_change"))

    # -- free text --------------------------------------------------------------------------
    def theme_figure(self) -> Figure:
        return plots.theme_bars(self._shared("freetext_counts"), min_cell=self.run.min_cell, name="freetext_themes")

    def freetext_values(self) -> dict:
        return wording.freetext_values(self.run, self._shared("freetext_counts"))

    def quotes_table(self) -> Table:
        quotes = results.quotes(self.run, self._shared("freetext_counts"))
        return Table(display.quotes(quotes), name="freetext_quotes", data=quotes)

    def redaction_table(self) -> Table:
        return Table(display.redactions(results.redactions(self.run, "current")))

    # -- methods note -----------------------------------------------------------------------
    def methods_values(self) -> dict:
        return wording.methods_values()
