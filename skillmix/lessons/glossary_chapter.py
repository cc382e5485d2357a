"""The glossary of roles (`chapters/a5_glossary.ipynb`): the façade its notebook calls."""

from __future__ import annotations

from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from .glossary import for_display, gap_values, load_glossary


class GlossaryChapter(ChapterFacade):
    """The glossary, validated against the evidence records and the role timeline."""

    NAME = "glossary"

    def __init__(self, params: dict):
        super().__init__(params)
        self.entries = load_glossary()

    def glossary_download(self) -> Table:
        """The glossary as in the data file (a download, not shown)."""
        return Table(self.entries, name="glossary")

    def gap_values(self) -> dict:
        """Roles, facts not in the sources, and roles whose regulation is not in the sources."""
        return gap_values(self.entries)

    def glossary_table(self) -> Table:
        """The glossary as the page shows it; its download is the data file's glossary."""
        return Table(
            for_display(self.entries),
            name="glossary",
            data=self.entries,
            caption="The roles this book discusses: what each is, when it was introduced and how it is regulated",
            source="Glossary of roles (data/lessons/glossary.csv), checked against the evidence records and the "
            "role timeline.",
            formats={"evidence records": "cite", "role-timeline sources": "link"},
            collapse=False,
            cards=True,
        )
