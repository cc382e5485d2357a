"""The façade of the evidence review chapter (`chapters/02_evidence_review.ipynb`).

The notebook builds it from its parameters and hands each thing it returns to
`skillmix.publish.Publisher`: dictionaries of values to glue, `Table`s and `Figure`s.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..core import chapter_spec
from ..core.artifacts import Figure, Table
from ..core.chapter_spec import ChapterFacade
from ..core.timeline import load_timeline
from . import plots, prisma, synthesis, values
from .records import load_all, theme_links
from .selection import select
from .themes import theme_labels

# The source line of the tables built from the evidence records.
RECORDS = "Evidence records of this review (data/evidence/evidence_records.csv)"


class EvidenceReviewChapter(ChapterFacade):
    """The evidence review: the whole evidence base, the part of it this run's parameters keep
    (`selection`), its PRISMA counts, and the tables, figures and values of the chapter."""

    NAME = "evidence_review"

    def __init__(self, params: dict):
        super().__init__(dict(params))
        self.defaults = chapter_spec.chapter(self.NAME).defaults()
        data = load_all()
        self.records, self.exclusions, self.coded = data["records"], data["exclusions"], data["coded"]
        self.theme_labels = theme_labels(data["themes"])
        self.links = theme_links(self.records, self.coded)
        self.selection = select(self.records, self.coded, self.links, self.params, self.defaults)
        self.timeline = load_timeline()

    @cached_property
    def counts(self) -> prisma.PrismaCounts:
        """PRISMA counts of the evidence base, with the records this run leaves out."""
        return prisma.counts(self.records, self.exclusions, self.selection.records)

    @cached_property
    def _by_role(self) -> pd.DataFrame:
        return synthesis.records_by_role(self.selection.records, self.selection.roles)

    @cached_property
    def _theme_summary(self) -> pd.DataFrame:
        s = self.selection
        return synthesis.theme_summary(s.records, s.coded, s.links)

    @cached_property
    def _timeline_events(self) -> pd.DataFrame:
        return synthesis.timeline_events(self.timeline, self.selection.roles)

    # ------------------------------------------------------------------ methods and screening

    def review_values(self) -> dict:
        """Counts of the methods and PRISMA sections, and the run's parameters and scope as prose."""
        return {
            **values.review_numbers(self.records, self.coded, self.links, self.selection, self.counts),
            **values.run_description(self.params, self.defaults, self.selection, self.theme_labels),
        }

    def basis_table(self) -> Table:
        """Records of the run by what their findings were read in."""
        return Table(
            synthesis.basis_table(self.selection.records),
            name="evidence_basis",
            caption="Records by what their findings were read in",
            source=RECORDS,
            codes={"Basis": "basis_short"},
        )

    def prisma_flow(self) -> Figure:
        """The PRISMA 2020 flow diagram."""
        return plots.prisma_flow(self.counts)

    # ------------------------------------------------------------------ the evidence map and its profile

    def evidence_map(self) -> Figure:
        """Records by role and theme."""
        s = self.selection
        return plots.evidence_map_figure(s.records, s.links, self.theme_labels, s.roles, s.themes)

    def role_values(self) -> dict:
        """The role with the most records and the roles with three or fewer."""
        return values.role_numbers(self._by_role)

    def periods(self) -> Figure:
        """Records by five-year period and study type, and by period and evidence level."""
        return plots.period_figure(self.selection.records)

    def period_values(self) -> dict:
        """Recent records, and records by groups of evidence levels."""
        return values.period_numbers(self.selection.records)

    def settings(self) -> Figure:
        """Records by setting."""
        return plots.setting_figure(self.selection.records)

    def setting_values(self) -> dict:
        """Records in each setting."""
        return values.setting_numbers(synthesis.by_category(self.selection.records, "setting"))

    def role_timeline(self) -> Figure:
        """Dated events of the run's roles and of policy."""
        return plots.timeline_figure(self._timeline_events)

    def timeline_values(self) -> dict:
        """How many events the timeline shows, and its first and last years."""
        return values.timeline_numbers(self._timeline_events)

    def role_years_table(self) -> Table:
        """Each role's first dated event and the years of its records (the CSV keeps the role code)."""
        table = synthesis.role_years_table(self._by_role, self.selection.records, self.timeline)
        return Table(
            table.drop(columns="role"),
            name="role_years",
            data=table,
            caption="Each role's first dated event on the role timeline and the years of its records",
            source=f"{RECORDS}; the role timeline (data/workforce/role_timeline.csv).",
        )

    # ------------------------------------------------------------------ theme by theme

    def theme_values(self) -> dict:
        """Each theme's counts and roles, as quoted in its section."""
        return values.theme_numbers(self._theme_summary)

    def theme_summary_table(self) -> Table:
        """One row per theme: records addressing it and the directions of their coded findings."""
        table = synthesis.theme_summary_table(self._theme_summary, self.theme_labels)
        return Table(
            synthesis.theme_summary_shown(table),
            name="theme_summary",
            data=table,
            caption="Records addressing each theme, the directions of their coded findings, and the number of "
            "roles those records cover",
            source=f"{RECORDS}; coded findings (data/evidence/coded_findings.csv).",
        )

    def findings_table(self, theme: str) -> Table:
        """The coded findings of one theme among the run's records."""
        s = self.selection
        return Table(
            synthesis.findings_table(s.records, s.coded, theme),
            name=f"findings_{theme}",
            caption=f"Coded findings on {self.theme_labels.get(theme, theme).lower()}, record by record",
            source="Coded findings (data/evidence/coded_findings.csv); each record is listed under References.",
            formats={"Record": "cite"},
        )

    def thin_evidence_values(self) -> dict:
        """Records of the roles with thin evidence, and the screening log's evidence gaps."""
        return values.thin_evidence_numbers(self.selection.records, self.exclusions)
