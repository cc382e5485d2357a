"""Façade of the data dictionary appendix (`chapters/a3_data_dictionary.ipynb`)."""

from __future__ import annotations

from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from . import descriptor_tables

DESCRIPTOR_SOURCE = "The data package descriptor (data/datapackage.json)."


class DataDictionaryChapter(ChapterFacade):
    """The files and columns described in the data package (`data/datapackage.json`)."""

    NAME = "data_dictionary"

    def __init__(self, params: dict):
        super().__init__(params)
        # Both tables are read from the descriptor once; the page shows each and counts both.
        self._resources = descriptor_tables.resources_table()
        self._fields = descriptor_tables.fields_table()

    def size_values(self) -> dict:
        """Counts quoted in the text: files and columns described."""
        return {"n_resources": len(self._resources), "n_fields": len(self._fields)}

    def resources(self) -> Table:
        """One row per data file: title, source, retrieval date, licence."""
        return Table(
            self._resources,
            name="data_files",
            caption="The data files: what each is, where it came from, when it was retrieved, and its licence",
            source=DESCRIPTOR_SOURCE,
            formats={"file": "code", "source": "identifiers"},
            collapse=False,
        )

    def fields(self) -> Table:
        """One row per column of every CSV file: type, allowed values, description."""
        return Table(
            self._fields,
            name="data_columns",
            caption="The columns of every CSV data file: type, whether required, allowed values and meaning",
            source=DESCRIPTOR_SOURCE,
            formats={"file": "code", "column": "code", "allowed values": "identifiers", "description": "identifiers"},
            collapse=False,
        )
