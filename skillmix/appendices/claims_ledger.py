"""Façade of the claims ledger appendix (`chapters/a4_claims_ledger.ipynb`)."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..core import chapter_spec
from ..core.artifacts import Table
from ..core.chapter_spec import ChapterFacade
from ..core.labels import chapter_label
from . import ledger

# The ledger's columns as the page shows them (the download keeps the original names).
SHOWN_COLUMNS = {"cell_first_line": "first line of the cell", "uses_in_text": "uses in text"}


LEDGER_SOURCE = "The executed chapters: their glued values (notebook outputs) and text."


def _chapters_named(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its `chapter` keys as readers name the chapters ('Chapter 2: Evidence review')."""
    return table.assign(chapter=table["chapter"].map(chapter_label))


def _as_number(value):
    """A glued value written as a number ('0.13043478260869565', '482') as that number, so the
    page formats it like any other; text as it is."""
    text = str(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+(e-?\d+)?", text):
        return float(text)
    return value


class ClaimsLedgerChapter(ChapterFacade):
    """Every value glued into the book, with the chapter and code cell that computed it."""

    NAME = "claims_ledger"

    def __init__(self, params: dict, book: Path | None = None, chapters: dict | None = None):
        super().__init__(params)
        # The project root, or a run's copy of it under _build/runs/<name>/: the notebook
        # runs in its chapters folder.
        self.book = Path.cwd().parent if book is None else Path(book)
        # The chapters whose values it lists: those it depends on (they ran before it, so the
        # ledger never reads a notebook that the same run may still change).
        if chapters is None:
            declared = chapter_spec.chapters()
            chapters = {n: declared[n] for n in declared if n in declared[self.NAME].depends_on}
        self.chapters = chapters

    @cached_property
    def _claims(self) -> pd.DataFrame:
        return ledger.ledger(self.book, self.chapters)

    @cached_property
    def _per_chapter(self) -> pd.DataFrame:
        return ledger.summary(self._claims, self.chapters)

    @cached_property
    def _missing(self) -> pd.DataFrame:
        return ledger.book_unresolved(self.book, self.chapters)

    def ledger_values(self) -> dict:
        """Counts quoted in the text: values, chapters with values, unused and unresolved keys,
        and values marked as coming from synthetic data."""
        return {
            "ledger_n_values": len(self._claims),
            "ledger_n_chapters": int((self._per_chapter["glued values"] > 0).sum()),
            "ledger_n_unused": int((self._claims["uses_in_text"] == 0).sum()),
            "ledger_n_unresolved": len(self._missing),
            "ledger_n_synthetic": int((self._claims["data"] != ledger.NOT_MARKED).sum()),
        }

    def ledger_download(self) -> Table:
        """The whole ledger as the download `claims_ledger.csv`."""
        return Table(self._claims, name="claims_ledger")

    def per_chapter_table(self) -> Table:
        """Number of glued values per chapter, in book order."""
        return Table(
            _chapters_named(self._per_chapter),
            name="glued_values_per_chapter",
            data=self._per_chapter,
            caption="Glued values per chapter",
            source=LEDGER_SOURCE,
            collapse=False,
        )

    def unresolved_table(self) -> Table:
        """Keys pasted in the text without a glued value (should be empty)."""
        return Table(
            _chapters_named(self._missing),
            name="unresolved_keys",
            data=self._missing,
            caption="Keys pasted in the text without a glued value",
            source=LEDGER_SOURCE,
            formats={"notebook": "code", "key": "code"},
            collapse=False,
        )

    def claims_table(self) -> Table:
        """Every glued value as the page shows it (without the notebook path; its first rows, the
        rest in a fold); the download is the whole ledger."""
        return Table(
            _chapters_named(self._claims.drop(columns="notebook").rename(columns=SHOWN_COLUMNS)).assign(
                value=lambda t: t["value"].map(_as_number)
            ),
            name="claims_ledger",
            data=self._claims,
            caption="Every value glued into the book's text, with the chapter and code cell that computed it",
            source=LEDGER_SOURCE,
            formats={
                "key": "code",
                "value": "identifiers",
                "cell": "count",
                "first line of the cell": "code",
                "uses in text": "count",
            },
        )
