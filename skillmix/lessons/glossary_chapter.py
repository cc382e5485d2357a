"""The glossary of roles (`chapters/a5_glossary.ipynb`): the façade its notebook calls."""

from __future__ import annotations

from ..core import chapter_spec
from ..core.artifacts import Table
from .glossary import for_display, gap_values, load_glossary


class GlossaryChapter:
    """The glossary, validated against the evidence records and the role timeline."""

    NAME = "glossary"

    def __init__(self, params: dict):
        self.params = params
        self.entries = load_glossary()

    @classmethod
    def from_notebook(cls, namespace: dict) -> GlossaryChapter:
        return cls(chapter_spec.from_namespace(cls.NAME, namespace))

    def glossary_download(self) -> Table:
        """The glossary as in the data file (a download, not shown)."""
        return Table(self.entries, name="glossary")

    def gap_values(self) -> dict:
        """Roles, facts not in the sources, and roles whose regulation is not in the sources."""
        return gap_values(self.entries)

    def glossary_table(self) -> Table:
        return Table(for_display(self.entries))
