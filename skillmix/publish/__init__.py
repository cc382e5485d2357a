"""The publishing layer: the only code that writes what a reader or a download sees.

A notebook builds its chapter façade, then hands each object it returns to a `Publisher`:

    out = Publisher("workforce")
    out.glue(chapter.coverage_values())     # values for {glue:text} in the prose
    out.figure(chapter.staff_mix_figure())  # a core.artifacts.Figure: PNG + CSV
    out.table(chapter.ratio_table())        # a core.artifacts.Table: HTML shown, CSV if named

Files go under `outputs/<chapter>/`, relative to the notebook's working directory.
"""

from __future__ import annotations

from ..core import style
from ..core.artifacts import Figure, Table
from .figures import save_figure
from .glue import glue_all
from .tables import html_table, save_csv

__all__ = ["Publisher", "Figure", "Table"]


class Publisher:
    """Writes one chapter's tables, figures and glued values."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        style.setup()

    def glue(self, values: dict) -> None:
        """Glue every value of a mapping under its key (not displayed)."""
        glue_all(values)

    def figure(self, figure: Figure) -> None:
        """Save a figure as PNG beside the CSV of its data; nothing is displayed."""
        save_figure(figure.figure, figure.data, self.chapter, figure.name)

    def save(self, table: Table) -> None:
        """Write a table's download CSV only (a table that the page does not show)."""
        save_csv(table.download, self.chapter, table.name)

    def table(self, table: Table):
        """Write the table's CSV if it is named; return its HTML for display as the cell's value."""
        if table.name:
            self.save(table)
        return html_table(table.frame, table.link_column)
