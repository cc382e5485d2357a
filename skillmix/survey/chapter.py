"""The survey chapter (chapters/03_survey.ipynb): what each section shows, as tables, figures
and values to glue, for the publishing layer.

The work is done elsewhere in the package: `run` (responses, redacted on loading, waves,
weights), `counts` and `disclosure` (every respondent count of the run under one disclosure
control), `profile` and `results` (tables drawing their counts from it), `display` (tables as
the page shows them),
`plots` (charts) and `wording` (the numbers and sentences of the prose). Each table is
computed once per chapter and shared by the methods that need it.

Everything built from the responses carries their data status (`data_status`): "synthetic"
when the responses are the generator's (`loaders.is_synthetic`, the same test that chooses
the banner), None for real responses. The publishing layer turns it into a `data_status`
column in every CSV, a "Synthetic data" stamp in every figure and a mark on every glued
value in the claims ledger; a run on real responses carries none of these marks.
"""

from __future__ import annotations

from ..core import survey_outputs
from ..core.artifacts import SYNTHETIC, Figure, Table, Values, with_status
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

    @property
    def data_status(self) -> str | None:
        """`SYNTHETIC` when the responses are synthetic, None (no mark) for real responses."""
        return SYNTHETIC if self.run.synthetic else None

    def _table(self, frame, **kwargs) -> Table:
        return Table(frame, data_status=self.data_status, **kwargs)

    def _figure(self, figure: Figure) -> Figure:
        return with_status(figure, self.data_status)

    def _values(self, mapping: dict, only=None) -> Values:
        return Values(mapping, self.data_status, only)

    def _shared(self, name: str):
        """The table `name` of SHARED, computed once per chapter."""
        if name not in self._computed:
            self._computed[name] = SHARED[name](self.run)
        return self._computed[name]

    # -- introduction -----------------------------------------------------------------------
    def intro_values(self) -> Values:
        """Only the banner (it counts the respondents) comes from the responses; the rest are
        the run's settings and the code book."""
        return self._values(wording.intro_values(self.run), only=["banner"])

    # -- response profile and weighting -----------------------------------------------------
    def profile_values(self) -> Values:
        return self._values(wording.profile_values(self.run, self._shared("profile")))

    def response_profile(self) -> Table:
        table = self._shared("profile")
        return self._table(
            display.profile(table, self.run.book),
            name="response_profile",
            data=table,
            caption="Respondents giving each answer to the profile questions, by wave: number and "
            "percentage of the wave",
            source=wording.source_line(self.run),
        )

    def weighting_diagnostics(self) -> Table:
        return self._table(profile.diagnostics(self.run), name="weighting_diagnostics")

    def weighting_values(self) -> Values:
        """The raking diagnostics come from the responses; the margins' source from the margins file."""
        return self._values(wording.weighting_values(self.run), only=["weighting_sentence"])

    def weighting_margins(self) -> Table:
        margins = profile.margin_comparison(self.run)
        return self._table(
            display.margins(margins, book=self.run.book),
            name="weighting_margins",
            data=margins,
            caption="Profession and setting of the current wave's respondents: percentage in the sample, "
            "after weighting and in the population margins",
            source=f"{wording.source_line(self.run)} Population margins: {self.run.margins_file}.",
        )

    # -- estimates --------------------------------------------------------------------------
    def item_estimates(self) -> Table:
        """The fixed-interface estimates that the lessons chapter reads."""
        return self._table(
            results.item_estimates(self.run, self._shared("details")), name=survey_outputs.ITEM_ESTIMATES
        )

    def estimate_values(self) -> Values:
        return self._values(wording.estimate_values(self.run, self._shared("details")))

    def estimates_table(self) -> Table:
        """Weighted and unweighted estimates side by side; the download has every detail."""
        details = self._shared("details")
        frame = display.side_by_side(details, self.run.book, self.run.weighting_on)
        return self._table(
            frame,
            name="item_details",
            data=details,
            caption=f"Percentage agreeing with each statement, by role, current wave, with "
            f"{100 * self.run.confidence:g}% confidence intervals",
            source=wording.source_line(self.run),
        )

    def likert_figure(self) -> Figure:
        return self._figure(
            plots.diverging_likert(self._shared("likert"), self.run.book.scale.values(), name="likert_current")
        )

    def likert_values(self) -> Values:
        return self._values(wording.likert_values(self.run, self._shared("likert")))

    # -- comparisons ------------------------------------------------------------------------
    def role_figure(self) -> Figure:
        return self._figure(
            plots.role_contrast_chart(
                self._shared("role_contrast"),
                focus_role=self.run.focus_role,
                name="acp_vs_pa",
            )
        )

    def role_values(self) -> Values:
        return self._values(wording.role_values(self.run, self._shared("role_contrast")))

    def group_tests(self, by: str) -> Table:
        """Each category of profile question `by` against all other respondents (download only)."""
        return self._table(self._shared("groups")[by][1], name=f"{by}_contrasts")

    def group_figure(self, by: str) -> Figure:
        return self._figure(
            plots.group_grid(
                self._shared("groups")[by][0],
                group_order=list(self.run.book.profile[by]),
                xlabel="% agreeing",
                overall=results.headline(self.run, self._shared("details")),
                name=GROUPS[by][0],
            )
        )

    def group_values(self, by: str) -> Values:
        return self._values(wording.group_values(self.run, GROUPS[by][1], *self._shared("groups")[by]))

    def wave_figure(self) -> Figure:
        return self._figure(
            plots.wave_change_chart(
                self._shared("wave_change"),
                compare_waves=self.run.compare_waves,
                name="wave_change",
            )
        )

    def wave_values(self) -> Values:
        return self._values(wording.wave_values(self.run, self._shared("wave_change")))

    # -- free text --------------------------------------------------------------------------
    def theme_figure(self) -> Figure:
        return self._figure(plots.theme_bars(self._shared("freetext_counts"), name="freetext_themes"))

    def freetext_values(self) -> Values:
        return self._values(wording.freetext_values(self.run, self._shared("freetext_counts")))

    def quotes_table(self) -> Table:
        quotes = results.quotes(self.run, self._shared("freetext_counts"))
        return self._table(
            display.quotes(quotes),
            name="freetext_quotes",
            data=quotes,
            caption="Example free-text answers, after redaction, for the themes mentioned most often",
            source=wording.source_line(self.run),
        )

    def redaction_table(self) -> Table:
        return self._table(
            display.redactions(results.redactions(self.run, "current")),
            name="redaction_examples",
            caption="Answers that contained personal details, as they are after redaction",
            source=wording.source_line(self.run),
        )

    # -- methods note -----------------------------------------------------------------------
    def methods_values(self) -> dict:
        """The generator's seed and the trimming bounds: constants, not built from the responses."""
        return wording.methods_values()
