"""The façade of the workforce chapter (`chapters/01_workforce.ipynb`).

The notebook builds a `WorkforceChapter` from its parameters and hands what each method
returns (glue values, `Figure`s, `Table`s) to `skillmix.publish.Publisher`.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..core.artifacts import Figure, Table
from ..core.chapter_spec import ChapterFacade
from . import gp_plots, national_plots, numbers
from .arrs import arrs_progress
from .gp_combinations import ratio_table
from .gp_practice import GPPractice, gp_practice
from .hchs import hchs_staff_mix, hchs_totals
from .new_roles import new_roles_progress
from .oecd import oecd_comparison
from .published import load_published
from .sources import policy_events, rows_used

# The columns each displayed table shows, and the decimals it rounds to.
ROLE_COLUMNS = [
    "role",
    "formerly",
    "first_period",
    "first_value",
    "first_qualifier",
    "latest_period",
    "latest_value",
    "latest_qualifier",
    "observed_geography",
    "ambition",
    "ambition_qualifier",
    "ambition_period",
    "ambition_geography",
    "share_of_ambition",
    "observed_annual_growth",
    "required_annual_growth",
]
HCHS_MIX_COLUMNS = ["period", "staff_group", "fte", "total_fte", "share", "qualifier"]
OECD_COLUMNS = ["geography", "year", "doctors_per_1000", "nurses_per_1000", "nurses_per_doctor", "kind"]
SOURCE_COLUMNS = ["row", "series", "period", "value", "vintage", "qualifier", "source_title"]
EVENT_COLUMNS = ["date", "event", "source_url"]


class WorkforceChapter(ChapterFacade):
    """How the mix of professions has changed: general practice, ARRS, new roles against the
    Long Term Workforce Plan (2023) ambitions, hospital and community health services, OECD
    comparisons, and the policy events since 2019 that bear on them."""

    NAME = "workforce"  # the chapter's key in chapters.yml

    def __init__(self, params: dict):
        """`params`: the chapter's validated parameter values (`chapter_spec.check`)."""
        super().__init__(params)
        self.window = {"period_from": params["period_from"], "period_to": params["period_to"]}
        self.published = load_published()

    # ------------------------------------------------------------------ computed once

    @cached_property
    def gp(self) -> GPPractice:
        """The general-practice section's rows, ratios and combinations."""
        return gp_practice(
            self.published,
            practice_csv=self.params["gp_workforce_csv"],
            include_superseded=self.params["include_superseded"],
            **self.window,
        )

    @cached_property
    def arrs(self) -> pd.DataFrame:
        return arrs_progress(self.published, **self.window)

    @cached_property
    def roles(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(points, summary) of `new_roles_progress`."""
        return new_roles_progress(self.published)

    @cached_property
    def hchs(self) -> pd.DataFrame:
        return hchs_totals(self.published, **self.window)

    @cached_property
    def hchs_mix(self) -> pd.DataFrame:
        return hchs_staff_mix(self.published)

    @cached_property
    def oecd(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(densities, nurses_per_doctor) of `oecd_comparison`."""
        return oecd_comparison(self.published)

    # ------------------------------------------------------------------ opening

    def coverage_values(self) -> dict:
        return numbers.coverage_numbers(
            self.published, include_superseded=self.params["include_superseded"], **self.window
        )

    # ------------------------------------------------------------------ general practice

    def gp_values(self) -> dict:
        gp = self.gp
        return {"gp_source": gp.source, **numbers.gp_numbers(gp.rows, gp.ratios, gp.combos, vintage=gp.vintage)}

    def staff_mix_figure(self) -> Figure:
        return gp_plots.gp_staff_mix(self.gp.rows)

    def ratio_figure(self) -> Figure:
        """The ratios and the mixed combinations of the selected dates, each marked by its kind."""
        return gp_plots.ratio_over_time(self.gp.shown)

    def ratio_table(self) -> Table:
        """Every combination of definitions, vintages and dates with its kind (its rows and URLs
        are in the figure's CSV)."""
        return Table(ratio_table(self.gp.combos))

    # ------------------------------------------------------------------ ARRS

    def arrs_values(self) -> dict:
        return numbers.arrs_numbers(self.arrs)

    def arrs_figure(self) -> Figure:
        return gp_plots.arrs_vs_target(self.arrs)

    def arrs_events(self) -> Table:
        """The role timeline's ARRS events (data/workforce/role_timeline.csv), with their sources."""
        return Table(policy_events(roles=("arrs",))[EVENT_COLUMNS], name="arrs_events", link_column="source_url")

    # ------------------------------------------------------------------ new roles

    def roles_values(self) -> dict:
        return numbers.roles_numbers(self.roles[1])

    def roles_figure(self) -> Figure:
        return national_plots.new_roles_vs_ltwp(self.roles[0])

    def roles_table(self) -> Table:
        return Table(self.roles[1][ROLE_COLUMNS].round(3))

    def plan_events(self) -> Table:
        """The role timeline's workforce-plan events from the Long Term Workforce Plan (June 2023)
        on, with their sources."""
        events = policy_events(roles=("policy",), since="2023-06")
        return Table(events[EVENT_COLUMNS], name="plan_events", link_column="source_url")

    # ------------------------------------------------------------------ HCHS

    def hchs_values(self) -> dict:
        return numbers.hchs_numbers(self.hchs, self.hchs_mix, self.published)

    def hchs_figure(self) -> Figure:
        return national_plots.hchs_totals(self.hchs)

    def hchs_mix_table(self) -> Table:
        return Table(self.hchs_mix[HCHS_MIX_COLUMNS].round(3))

    # ------------------------------------------------------------------ OECD

    def oecd_values(self) -> dict:
        return numbers.oecd_numbers(*self.oecd)

    def oecd_figure(self) -> Figure:
        return national_plots.oecd_comparison(*self.oecd)

    def oecd_table(self) -> Table:
        return Table(self.oecd[1][OECD_COLUMNS].round(2))

    # ------------------------------------------------------------------ sources

    def sources(self) -> Table:
        """The curated rows behind every figure and table: a short view shown, all columns
        (with source URLs) in `sources.csv`."""
        gp, (densities, ratios) = self.gp, self.oecd
        used = rows_used(
            self.published,
            frames=[gp.rows, self.arrs, self.roles[0], self.hchs, densities],
            references=[
                *gp.combos["parts"],
                *gp.combos["denominator_row"],
                *self.hchs_mix["row"],
                *self.hchs_mix["total_row"],
                *ratios["rows"],
            ],
        )
        return Table(used[SOURCE_COLUMNS], name="sources", data=used)
