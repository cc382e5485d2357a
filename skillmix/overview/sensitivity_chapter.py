"""Façade of the sensitivity appendix (`chapters/a7_sensitivity.ipynb`): the committed sweep
(`data/sensitivity/`) compared with the default book, value by value and finding by finding."""

from __future__ import annotations

from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from . import key_findings, sensitivity


class SensitivityChapter(ChapterFacade):
    """Which glued values and key findings change across the runs of the sensitivity sweep."""

    NAME = "sensitivity"

    def __init__(self, params: dict):
        super().__init__(params)
        self.default, swept = sensitivity.split(sensitivity.load_ledgers())
        self.runs = sensitivity.load_runs()
        self.comparison = sensitivity.compare(self.default, swept)
        self.findings = key_findings.load_findings()
        self.held = sensitivity.findings_held(self.comparison, self.findings)

    def values(self) -> dict:
        changed = self.comparison.groupby(["chapter", "key"])["changed"].any()
        by_chapter = self.comparison[self.comparison["changed"]].groupby("chapter")["key"].nunique()
        return {
            "n_runs": self.comparison["run"].nunique(),
            "n_values": len(changed),
            "n_values_changed": int(changed.sum()),
            "n_findings": len(self.held),
            "n_findings_held": int(self.held["held"].sum()),
            "chapters_changed": ", ".join(f"{c} ({n})" for c, n in by_chapter.items()) or "none",
        }

    def runs_table(self) -> Table:
        return sensitivity.runs_table(self.runs, self.comparison)

    def findings_table(self) -> Table:
        return sensitivity.findings_table(self.held, self.findings)

    def changes_table(self) -> Table:
        return sensitivity.changes_table(self.comparison)
