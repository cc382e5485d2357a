"""The façade of the workforce chapter (`chapters/01_workforce.ipynb`).

The notebook builds a `WorkforceChapter` from its parameters and hands what each method
returns (glue values, `Figure`s, `Table`s) to `skillmix.publish.Publisher`.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..core.artifacts import Figure, Table
from ..core.chapter_spec import ChapterFacade
from . import gp_plots, mix_over_time, national_plots, numbers
from .arrs import arrs_progress
from .gp_combinations import combination_trace, ratio_table
from .gp_practice import GPPractice, gp_practice
from .hchs import hchs_staff_mix, hchs_totals
from .mix_plots import mix_over_time as mix_figure
from .new_roles import new_roles_progress
from .oecd import oecd_comparison
from .published import load_published
from .sources import policy_events, rows_used
from .tables import (
    EVENT_FORMATS,
    HCHS_FORMATS,
    OECD_FORMATS,
    ROLE_FORMATS,
    SOURCE_FORMATS,
    hchs_mix_shown,
    roles_shown,
    sources_shown,
)

# The columns of the OECD table shown (its CSV has the rows and sources too).
OECD_COLUMNS = ["geography", "year", "doctors_per_1000", "nurses_per_1000", "nurses_per_doctor", "kind"]
EVENT_COLUMNS = ["date", "event", "source_url"]
HELD_COLUMNS = ["setting", "staff_group", "vintage", "dates", "first", "last"]
# The source lines of the tables.
CURATED = "Published figures recorded with their sources in data/workforce/workforce_published.csv:"
TIMELINE = "The role timeline (data/workforce/role_timeline.csv); each event links to its own source."


def _events_table(events, name: str, caption: str) -> Table:
    """Role-timeline events as a table, each with its source as a link."""
    return Table(
        events[EVENT_COLUMNS],
        name=name,
        link_column="source_url",
        caption=caption,
        source=TIMELINE,
        formats=EVENT_FORMATS,
    )


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
        return Table(
            ratio_table(self.gp.combos),
            name="gp_combinations",
            data=combination_trace(self.gp.combos),
            caption="Other clinicians per fully qualified permanent GP: every combination of definitions, "
            "releases and dates, with its kind (only rows of kind 'ratio' are ratios)",
            source=f"{CURATED} General Practice Workforce and Primary Care Network Workforce statistics "
            "(NHS Digital, NHS England).",
            formats={"Numerator FTE": "count", "Denominator FTE": "count", "Other clinicians per GP": "decimal:2"},
        )

    # ------------------------------------------------------------------ the mix over time

    @cached_property
    def mix(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(shares, ratios, dates held): same-date, same-vintage sets of every vintage."""
        return (
            mix_over_time.staff_shares(self.published),
            mix_over_time.ratios_over_time(self.published),
            mix_over_time.dates_held(self.published),
        )

    def mix_values(self) -> dict:
        return mix_over_time.mix_numbers(*self.mix)

    def mix_figure(self) -> Figure:
        return mix_figure(*self.mix[:2])

    def mix_table(self) -> Table:
        return Table(
            self.mix[2][HELD_COLUMNS],
            name="dates_held",
            data=self.mix[2],
            caption="Reference dates from 2015 to 2025 with a published level, by staff group and vintage",
            source=f"{CURATED} levels in FTE (ambulance staff: a count whose unit the source does not state).",
            formats={"dates": "count", "first": "date", "last": "date"},
        )

    # ------------------------------------------------------------------ ARRS

    def arrs_values(self) -> dict:
        return numbers.arrs_numbers(self.arrs)

    def arrs_figure(self) -> Figure:
        return gp_plots.arrs_vs_target(self.arrs)

    def arrs_events(self) -> Table:
        """The role timeline's ARRS events (data/workforce/role_timeline.csv), with their sources."""
        return _events_table(
            policy_events(roles=("arrs",)), "arrs_events", "Events of the Additional Roles Reimbursement Scheme (ARRS)"
        )

    # ------------------------------------------------------------------ new roles

    def roles_values(self) -> dict:
        return numbers.roles_numbers(self.roles[1])

    def roles_figure(self) -> Figure:
        return national_plots.new_roles_vs_ltwp(self.roles[0])

    def roles_table(self) -> Table:
        return Table(
            roles_shown(self.roles[1]),
            name="new_roles_vs_ltwp_summary",
            data=self.roles[1],
            caption="Nursing associates, physician assistants and physician assistants in anaesthesia: "
            "first and latest counts against the Long Term Workforce Plan (2023) ambitions",
            source=f"{CURATED} registers, parliamentary answers and reports on the plan's ambitions.",
            formats=ROLE_FORMATS,
        )

    def plan_events(self) -> Table:
        """The role timeline's workforce-plan events from the Long Term Workforce Plan (June 2023)
        on, with their sources."""
        return _events_table(
            policy_events(roles=("policy",), since="2023-06"),
            "plan_events",
            "Workforce-plan events since the Long Term Workforce Plan (June 2023)",
        )

    # ------------------------------------------------------------------ HCHS

    def hchs_values(self) -> dict:
        return numbers.hchs_numbers(self.hchs, self.hchs_mix, self.published)

    def hchs_figure(self) -> Figure:
        return national_plots.hchs_totals(self.hchs)

    def hchs_mix_table(self) -> Table:
        return Table(
            hchs_mix_shown(self.hchs_mix),
            name="hchs_staff_mix",
            data=self.hchs_mix,
            caption="Hospital and community health services: staff groups as a share of the "
            "trusts-and-CCGs total FTE of the same date and source",
            source=f"{CURATED} NHS Digital, NHS Workforce Statistics, September 2016 and 2017, as reported in the press.",
            formats=HCHS_FORMATS,
        )

    # ------------------------------------------------------------------ OECD

    def oecd_values(self) -> dict:
        return numbers.oecd_numbers(*self.oecd)

    def oecd_figure(self) -> Figure:
        return national_plots.oecd_comparison(*self.oecd)

    def oecd_table(self) -> Table:
        return Table(
            self.oecd[1][OECD_COLUMNS],
            name="oecd_nurses_per_doctor",
            data=self.oecd[1],
            caption="Nurses per doctor: computed from doctors and nurses per 1,000 population of the same "
            "place, year and source, and as published",
            source=f"{CURATED} OECD Health at a Glance and Society at a Glance, and reports quoting them.",
            formats=OECD_FORMATS,
        )

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
                *self.mix[0]["rows"],
                *self.mix[1]["parts"],
                *self.mix[1]["denominator_row"],
                *ratios["rows"],
            ],
        )
        return Table(
            sources_shown(used),
            name="sources",
            data=used,
            caption="The published figures behind this chapter's figures and tables, one a row",
            source="data/workforce/workforce_published.csv, by line; the CSV adds each figure's address and note.",
            formats=SOURCE_FORMATS,
        )
