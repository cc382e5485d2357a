"""Façade of the landing page (`chapters/intro.ipynb`)."""

from __future__ import annotations

from pathlib import Path

from ..core.artifacts import MarkdownText, Table
from ..core.chapter_spec import ChapterFacade
from . import facts, key_findings, sensitivity


class IntroChapter(ChapterFacade):
    """Key findings from the chapters' published values, and when current facts were checked."""

    NAME = "intro"

    def __init__(self, params: dict, outputs: Path = Path("outputs")):
        super().__init__(params)
        self.findings = key_findings.load_findings()
        self.ledger = key_findings.load_ledger(key_findings.ledger_file(outputs))
        self.facts = facts.load_facts()

    def values(self) -> dict:
        """The key findings (markdown list) and the facts-checked date."""
        return {
            "key_findings": MarkdownText(
                key_findings.findings_markdown(self.findings, self.ledger, sensitivity.held_notes(self.findings))
            ),
            "n_key_findings": len(self.findings),
            "facts_checked_as_of": facts.checked_as_of(self.facts),
        }

    def facts_table(self) -> Table:
        return Table(
            facts.facts_table(self.facts),
            name="facts_checked",
            data=self.facts,
            link_column="Source",
            caption="Current facts the book relies on, and when each was last checked",
            source="Facts checked (data/book/facts_checked.csv); each links to its source.",
        )
