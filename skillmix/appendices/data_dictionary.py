"""Façade of the data dictionary appendix (`chapters/a3_data_dictionary.ipynb`)."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..core import chapter_spec
from ..core.artifacts import Table
from . import descriptor_tables


class DataDictionaryChapter:
    """The files and columns described in the data package (`data/datapackage.json`)."""

    NAME = "data_dictionary"

    def __init__(self, params: dict):
        self.params = params

    @classmethod
    def from_notebook(cls, namespace: dict) -> DataDictionaryChapter:
        return cls(chapter_spec.from_namespace(cls.NAME, namespace))

    @cached_property
    def _resources(self) -> pd.DataFrame:
        return descriptor_tables.resources_table()

    @cached_property
    def _fields(self) -> pd.DataFrame:
        return descriptor_tables.fields_table()

    def size_values(self) -> dict:
        """Counts quoted in the text: files and columns described."""
        return {"n_resources": len(self._resources), "n_fields": len(self._fields)}

    def resources(self) -> Table:
        """One row per data file: title, source, retrieval date, licence."""
        return Table(self._resources)

    def fields(self) -> Table:
        """One row per column of every CSV file: type, allowed values, description."""
        return Table(self._fields)
