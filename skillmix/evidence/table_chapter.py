"""The façade of the evidence table appendix (`chapters/a2_evidence_table.ipynb`)."""

from __future__ import annotations

from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from . import records_table
from .records import load_exclusions, load_records


class EvidenceTableChapter(ChapterFacade):
    """Every included record and every screening-log row, shown and downloadable."""

    NAME = "evidence_table"

    def __init__(self, params: dict):
        super().__init__(dict(params))
        self.records = load_records()
        self.exclusions = load_exclusions()

    def records_csv(self) -> Table:
        """Every column of the records, with each record's link and what its findings were read in."""
        return Table(records_table.records_csv(self.records), name="evidence_table")

    def exclusions_csv(self) -> Table:
        """The screening log as it is in the data file."""
        return Table(self.exclusions, name="screening_exclusions")

    def table_values(self) -> dict:
        """Records, records with a DOI, and screening-log rows."""
        return records_table.table_numbers(self.records, self.exclusions)

    def records_table(self) -> Table:
        """The records as the page shows them, each linked to its source."""
        return Table(
            records_table.records_compact(records_table.records_shown(self.records)),
            name="evidence_table",
            data=records_table.records_csv(self.records),
            caption="Every record of the evidence base: its roles, the kind of evidence, its key finding and "
            "how it was read (authors, year, publisher and address under References)",
            source="Evidence records (data/evidence/evidence_records.csv).",
            formats={"Record": "cite"},
            collapse=False,
        )

    def exclusions_table(self) -> Table:
        """The screening log as the page shows it, linked to where each candidate was seen."""
        return Table(
            records_table.exclusions_shown(self.exclusions),
            name="screening_exclusions",
            data=self.exclusions,
            link_column="Seen at",
            caption="Candidates screened out, with the reason for each",
            source="Screening log (data/evidence/screening_exclusions.csv); each candidate links to where it was seen.",
            formats={"Candidate": "identifiers", "Note": "identifiers"},
            collapse=False,
        )
