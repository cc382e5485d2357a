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
        self.sweep = sensitivity.Sweep.of(
            sensitivity.load_ledgers(), key_findings.load_findings(), sensitivity.load_runs()
        )

    def values(self) -> dict:
        comparison, held = self.sweep.comparison, self.sweep.held
        changed = self.sweep.changed_keys()
        by_chapter = comparison[comparison["changed"]].groupby("chapter")["key"].nunique()
        return {
            "n_runs": comparison["run"].nunique(),
            "n_values": len(changed),
            "n_values_changed": int(changed.sum()),
            "n_findings": len(held),
            "n_findings_held": int(held["held"].sum()),
            "chapters_changed": ", ".join(f"{c} ({n})" for c, n in by_chapter.items()) or "none",
        }

    def runs_table(self) -> Table:
        return sensitivity.runs_table(self.sweep.runs, self.sweep.comparison)

    def findings_table(self) -> Table:
        return sensitivity.findings_table(self.sweep.held)

    def changes_table(self) -> Table:
        return sensitivity.changes_table(self.sweep.comparison)
