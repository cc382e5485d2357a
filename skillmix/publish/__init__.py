"""The publishing layer: the only code that writes what a reader or a download sees.

A notebook builds its chapter façade, then hands each object it returns to a `Publisher`:

    out = Publisher("workforce")
    out.glue(chapter.coverage_values())     # values for {glue:text} in the prose
    out.figure(chapter.staff_mix_figure())  # a core.artifacts.Figure: PNG + CSV
    out.table(chapter.ratio_table())        # a core.artifacts.Table: HTML shown, CSV if named

Files go under `outputs/<chapter>/`, relative to the notebook's working directory.

Data status: a Table, Figure or `core.artifacts.Values` built from synthetic data carries
`data_status="synthetic"` (the façade decides). Its CSV then has a `data_status` column, a
figure's image is stamped "Synthetic data", and marked glued keys are listed in
`outputs/<chapter>/data_status.csv` for the claims ledger. `out.glue(values,
data_status="synthetic")` marks every key of a plain dict. Unmarked objects carry no mark.
"""

from __future__ import annotations

from pathlib import Path

from ..core import style
from ..core.artifacts import DATA_STATUS_FILE, Figure, Table, Values
from .figures import save_figure
from .glue import glue_all, statuses, write_statuses
from .tables import html_table, output_path, save_csv

__all__ = ["Publisher", "Figure", "Table", "Values"]


class Publisher:
    """Writes one chapter's tables, figures and glued values.

    On creation it removes the chapter's `data_status.csv` left by an earlier run, so the file
    always describes this run's glued values (absent when none is marked).
    """

    def __init__(self, chapter: str):
        self.chapter = chapter
        self._marked: dict[str, str] = {}
        style.setup()
        self.status_file.unlink(missing_ok=True)

    @property
    def status_file(self) -> Path:
        """`data_status.csv` in the chapter's output folder (`tables.output_path`)."""
        return output_path(self.chapter) / DATA_STATUS_FILE

    def glue(self, values: dict, data_status: str | None = None) -> None:
        """Glue every value of a mapping under its key (not displayed). Keys marked with a data
        status (by `data_status`, or carried by a `Values` mapping) are recorded in
        `outputs/<chapter>/data_status.csv`; a key glued again unmarked loses its mark."""
        glue_all(values)
        for key, status in statuses(values, data_status).items():
            self._marked.pop(key, None)
            if status is not None:
                self._marked[key] = status
        if self._marked or self.status_file.exists():
            self.status_file.parent.mkdir(parents=True, exist_ok=True)
            write_statuses(self.status_file, self._marked)

    def figure(self, figure: Figure) -> None:
        """Save a figure as PNG beside the CSV of its data; nothing is displayed."""
        save_figure(figure.figure, figure.data, self.chapter, figure.name, figure.data_status)

    def save(self, table: Table) -> None:
        """Write a table's download CSV only (a table that the page does not show)."""
        save_csv(table.download, self.chapter, table.name, table.data_status)

    def table(self, table: Table):
        """Write the table's CSV if it is named; return its HTML for display as the cell's value."""
        if table.name:
            self.save(table)
        return html_table(table.frame, table.link_column)
