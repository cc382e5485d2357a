"""Façade of the reproducibility appendix (`chapters/a1_reproducibility.ipynb`)."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..core import chapter_spec
from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from ..core.labels import chapter_label
from . import run_record

MANIFEST = "The run manifest (chapters/run_manifest.json)."


def _chapters_named(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its `chapter` keys as readers name the chapters ('Chapter 2: Evidence review')."""
    return table.assign(chapter=table["chapter"].map(chapter_label))


class ReproducibilityChapter(ChapterFacade):
    """The parameters and fingerprints of the chapters that ran before this appendix, the
    versions of the key packages, and the checksums of the data files."""

    NAME = "reproducibility"

    def __init__(self, params: dict, manifest_path="run_manifest.json"):
        super().__init__(params)
        self.manifest_path = manifest_path  # relative to the notebook's working directory
        self.earlier = chapter_spec.chapter(self.NAME).depends_on

    @cached_property
    def _parameters(self) -> pd.DataFrame:
        return run_record.run_parameters(self.earlier, self.manifest_path)

    @cached_property
    def _packages(self) -> pd.DataFrame:
        return run_record.package_versions()

    @cached_property
    def _data(self) -> pd.DataFrame:
        return run_record.data_checksums()

    def run_values(self) -> dict:
        """Counts quoted in the text: chapters run, data files and packages that match."""
        return {
            "n_chapters_run": self._parameters["chapter"].nunique(),
            "n_data_files": len(self._data),
            "n_data_matching": int(self._data["matches data package"].sum()),
            "n_packages_matching": int(self._packages["matches pin"].sum()),
            "n_packages": len(self._packages),
        }

    def parameters_table(self) -> Table:
        """The parameters each earlier chapter last ran with (JSON values)."""
        return Table(
            _chapters_named(self._parameters),
            name="run_parameters",
            data=self._parameters,
            caption="The parameters each chapter last ran with",
            source=MANIFEST,
            formats={"parameter": "code", "value": "code"},
            collapse=False,
        )

    def fingerprints_table(self) -> Table:
        """The input fingerprint of each earlier chapter."""
        fingerprints = run_record.fingerprints(self.earlier, self.manifest_path)
        return Table(
            _chapters_named(fingerprints),
            name="input_fingerprints",
            data=fingerprints,
            caption="The input fingerprint of each chapter: a hash of its notebook, data, code and parameters",
            source=MANIFEST,
            formats={fingerprints.columns[1]: "code"},
            collapse=False,
        )

    def packages_table(self) -> Table:
        """Installed versions of the key packages beside their pins."""
        return Table(
            self._packages,
            name="package_versions",
            caption="Installed versions of the key packages beside their pins",
            source="The installed packages and requirements.txt.",
            formats={"package": "code", "installed": "code", "pinned": "code"},
            collapse=False,
        )

    def data_table(self) -> Table:
        """Every data file with its sha256 and whether it matches the data package."""
        return Table(
            self._data,
            name="data_checksums",
            caption="Every data file with its size, SHA-256 checksum and whether it matches the data package",
            source="The data files and their description (data/datapackage.json).",
            formats={"file": "code", "bytes": "count", "sha256": "code"},
            collapse=False,
        )
