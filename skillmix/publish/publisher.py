"""The Publisher: writes one chapter's tables, figures and glued values (see the package
docstring)."""

from __future__ import annotations

from pathlib import Path

from ..core import chapter_spec, citations
from ..core.artifacts import DATA_STATUS_FILE, Figure, Table, Values
from ..core.errors import InputError
from .glue import glue_all, statuses, write_statuses
from .tables import (
    TableDisplay,
    index_is_meaningful,
    number_label,
    output_path,
    render_markdown,
    save_csv,
    table_id,
)

__all__ = ["Publisher", "Figure", "Table", "Values"]


class Publisher:
    """Writes one chapter's tables, figures and glued values.

    On creation it removes the chapter's `data_status.csv` left by an earlier run, so the file
    always describes this run's glued values (absent when none is marked).
    """

    def __init__(self, chapter: str):
        self.chapter = chapter
        self._marked: dict[str, str] = {}
        self.label = _chapter_label(chapter)
        self.tables = 0  # tables shown so far: the next is number self.tables + 1
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
        """Save a figure as SVG beside the CSV of its data (`figures.save_figure`, which refuses
        one whose text would be too small on a phone); nothing is displayed. The figure module,
        and with it matplotlib, is imported here: most chapters draw nothing."""
        from .figures import save_figure

        save_figure(figure.figure, figure.data, self.chapter, figure.name, figure.data_status)

    def save(self, table: Table) -> None:
        """Write a table's download CSV only (a table that the page does not show)."""
        save_csv(table.download, self.chapter, table.name, table.data_status)

    def table(self, table: Table) -> TableDisplay:
        """Number the table (the chapter's tables in order: "Table 2.3"), write its CSV, and
        return it for display as the cell's value: caption, reader labels, formatted cells,
        source line and a link to the CSV (`tables.render_markdown`). A table without a `name`
        gets one from its number (`table_2_3`), so that every table has its download."""
        self.tables += 1
        number = number_label(self.label, self.tables)
        name = table.name or number.lower().replace("table ", "table_").replace(".", "_")
        download = table.download
        if download is table.frame and index_is_meaningful(download.index):
            download = download.reset_index()  # the CSV has the columns the page shows
        save_csv(download, self.chapter, name, table.data_status)
        csv_link = f"outputs/{self.chapter}/{name}.csv"
        markdown = render_markdown(table, number, table_id(self.chapter, name), csv_link, _citation)
        return TableDisplay(markdown, f"{number}: {table.caption}")


def _chapter_label(chapter: str) -> str:
    """The chapter's number or appendix letter in chapters.yml ('' for a page without one)."""
    try:
        return chapter_spec.chapter(chapter).label
    except InputError:
        return ""


def _citation(record_id: str):
    """(label, href) of an evidence record (`core.citations`), or None if it has none."""
    try:
        return citations.citation(record_id)
    except InputError:
        return None
