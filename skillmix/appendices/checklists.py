"""Façade of the reporting checklists appendix (`chapters/a6_checklists.ipynb`).

The page shows four tables, numbered in this order (`TABLES`): the PRISMA 2020 checklist for
the evidence review, the CHERRIES checklist for the survey (whose responses are synthetic),
a GRADE-CERQual Summary of Qualitative Findings for the lessons, and the study's published key
findings beside this book's. Each is glued as MyST markdown (`checklist_tables`), so that its
links to the sections of the book are resolved, and checked, by the book's build; each has
its download. Numbers in the side by side come from the claims ledger (`core.ledger_values`).
"""

from __future__ import annotations

from pathlib import Path

from ..core import chapter_spec, ledger_values
from ..core.artifacts import MarkdownText, Table
from ..core.chapter_spec import ChapterFacade
from ..core.paths import relative
from . import cerqual, checklist_data, checklist_tables, sections

# The tables in page order: key of the glued markdown, caption.
TABLES = {
    "prisma_table": "PRISMA 2020 checklist items and where the evidence review reports them",
    "cherries_table": "CHERRIES checklist items and where the survey chapter reports them (the survey's responses are synthetic)",
    "cerqual_table": "Summary of qualitative findings: the lessons and the confidence in each, in the style of GRADE-CERQual",
    "findings_table": "The study's published key findings beside what this book finds from public data",
}
LESSONS_PAGE = "04_lessons.ipynb"


class ChecklistsChapter(ChapterFacade):
    """Reporting checklists mapped to the book, and the study's key findings beside the book's."""

    NAME = "checklists"

    def __init__(self, params: dict, outputs: Path = Path("outputs"), folder: Path | None = None):
        super().__init__(params)
        # The chapters folder the page's links point into: the notebook runs in it (in the
        # project, or in a run's copy under _build/runs/<name>/).
        self.folder = Path.cwd() if folder is None else Path(folder)
        self.prisma = checklist_data.load_checklist(checklist_data.PRISMA_FILE, self.folder)
        self.cherries = checklist_data.load_checklist(checklist_data.CHERRIES_FILE, self.folder)
        self.findings = checklist_data.load_findings(checklist_data.FINDINGS_FILE, self.folder)
        self.lessons = cerqual.load_lessons()
        self.summary = cerqual.summary(self.lessons)
        ledger = ledger_values.load_ledger(ledger_values.ledger_file(outputs))
        file = relative(checklist_data.FINDINGS_FILE)
        self.books = {
            f.id: ledger_values.fill(f.book, ledger, f"finding '{f.id}'", file) for f in self.findings.findings
        }
        self.label = chapter_spec.chapter(self.NAME).label

    def _number(self, key: str) -> str:
        """'Table F.1': the page's label and the table's place in TABLES."""
        return f"Table {self.label}.{list(TABLES).index(key) + 1}"

    def _lesson_links(self) -> dict:
        return {lesson.id: sections.find(LESSONS_PAGE, f"Lesson {lesson.id}", self.folder) for lesson in self.lessons}

    def _counts(self, prefix: str, checklist) -> dict:
        statuses = [item.status for item in checklist.items]
        out = {f"{prefix}_n_items": len(statuses)}
        out.update({f"{prefix}_n_{status}": statuses.count(status) for status in checklist_data.STATUSES})
        out[f"{prefix}_n_not_quoted"] = sum(item.text is None for item in checklist.items)
        return out

    def values(self) -> dict:
        """Counts quoted in the text, and the four tables as MyST markdown."""
        ratings = cerqual.rating_counts(self.lessons)
        seen = [f for f in self.findings.findings if f.published is not None]
        return {
            **self._counts("prisma", self.prisma),
            **self._counts("cherries", self.cherries),
            "cherries_n_unnamed": sum(item.item is None for item in self.cherries.items),
            "cerqual_n_lessons": len(self.lessons),
            **{f"cerqual_n_{rating}": n for rating, n in ratings.items()},
            "findings_n_seen": len(seen),
            "findings_n_seen_full": sum(f.complete for f in seen),
            **self.tables(),
        }

    def tables(self) -> dict:
        """The four tables as MyST markdown, keyed and numbered as in TABLES."""
        t, folder = checklist_tables, self.folder
        columns = {
            "prisma_table": (["Item", "Checklist item (as published)", "In this book"], [20, 40, 40]),
            "cherries_table": (["Category", "Checklist item (as published)", "In this book"], [20, 40, 40]),
            "cerqual_table": (
                ["Lesson", "Summary of the finding", "Records", "Confidence", "Explanation of the assessment"],
                [14, 36, 8, 10, 32],
            ),
            "findings_table": (["Key finding as published", "What this book finds", "Verdict"], [34, 40, 26]),
        }
        rows = {
            "prisma_table": t.prisma_rows(self.prisma, folder),
            "cherries_table": t.cherries_rows(self.cherries, folder),
            "cerqual_table": t.cerqual_rows(self.summary, self._lesson_links()),
            "findings_table": t.findings_rows(self.findings, self.books, folder),
        }
        return {
            key: MarkdownText(t.list_table(self._number(key), caption, columns[key][0], rows[key], columns[key][1]))
            for key, caption in TABLES.items()
        }

    def prisma_download(self) -> Table:
        return Table(checklist_tables.checklist_frame(self.prisma), name="prisma_2020")

    def cherries_download(self) -> Table:
        return Table(checklist_tables.checklist_frame(self.cherries), name="cherries")

    def cerqual_download(self) -> Table:
        return Table(self.summary, name="cerqual_summary")

    def findings_download(self) -> Table:
        return Table(checklist_tables.findings_frame(self.findings, self.books), name="report_findings")
