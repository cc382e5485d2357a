"""Disclosure control: no number the chapter publishes from the responses stands for fewer than
`min_cell` respondents, and no number it withholds can be worked out from the ones it shows.

Cells and sums. Every count of respondents that a run can publish, in any table, CSV, chart
label or glued sentence, is one *cell* of a single `Cells` ledger (key -> count; built in
`counts.py`). The tables tie cells together by sums, given to the ledger as `Sum`s: the
answers to a profile question add up to the wave's respondents, each profession's answers
to a statement add up to all answers to it, a profession's answers and the rest's add up to
all answers, the answers about both roles plus those about one role only add up to each
role's answers. A cell that is never published but is part of a sum (those who answered
about one role only, a profile question left blank) is *hidden*.

Rules (`protect`), applied to the whole ledger at once:
1. Primary suppression: a count from 1 to `min_cell` - 1 is suppressed. Zero is shown (it
   says nothing about any one respondent).
2. Complementary suppression: in every sum whose total is shown, the parts not shown
   (suppressed or hidden) must be none, or at least two that together count at least
   `min_cell` respondents (so none of them can be worked out by subtraction, and the reader
   cannot tell that they are small), or a single hidden part of 0 or at least `min_cell`.
   Where a sum breaks the rule the smallest shown non-zero part is suppressed too (failing
   that a shown zero part, failing that the total), and every sum is checked again until all
   hold. A `Sum` with `total_first` suppresses its total first (a total shown only as that
   sum, such as all respondents in the banner).
3. A suppressed total is never the sum of parts that are all shown.
Because every table draws on the one ledger, a count suppressed in one table is suppressed in
every table and value that shows it.

Estimates (`Cells.table`): a row whose base count is suppressed shows none of its estimates
(percentages, standard errors, intervals, differences, p-values); a percentage is shown only
when every count it is built from is shown, so no withheld count can be recovered from a
percentage and its base. Percentages on a shown base (at least `min_cell` respondents) are
shown even when few respondents gave that answer, as in most published survey tables.

Every suppressed number is labelled the same way ("suppressed", or an empty CSV cell with
`suppressed` True), whether it was small or withheld to protect a small one; only a count
that is in no sum is quoted as "fewer than `min_cell`" (no arithmetic can use that).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"
SUPPRESSED_TEXT = "suppressed"  # how a suppressed count or percentage reads in the prose


@dataclass(frozen=True)
class Sum:
    """total = sum of parts, as a reader can check it from the published tables."""

    total: Hashable
    parts: tuple
    total_first: bool = False


def _holds(unshown: list, counts: Mapping, hidden: frozenset, min_cell: int) -> bool:
    """Rule 2 for one sum with a shown total: do its unshown parts protect each other?"""
    if not unshown:
        return True
    if len(unshown) == 1:
        (key,) = unshown
        return key in hidden and (counts[key] == 0 or counts[key] >= min_cell)
    return sum(counts[k] for k in unshown) >= min_cell


def protect(
    counts: Mapping[Hashable, int], sums: Iterable[Sum], min_cell: int, hidden: Iterable = ()
) -> tuple[frozenset, frozenset]:
    """The cells to suppress (rules 1 to 3 of the module docstring) and, among them, the primary
    ones (1 to min_cell - 1). Hidden cells are never published and are not in the result."""
    hidden = frozenset(hidden)
    sums = list(sums)
    for s in sums:
        for key in (s.total, *s.parts):
            if key not in counts:
                raise KeyError(f"disclosure: sum refers to an unknown cell {key!r}")
    primary = frozenset(k for k, v in counts.items() if 0 < v < min_cell and k not in hidden)
    unshown = set(primary) | hidden

    def suppress_one(s: Sum) -> bool:
        shown = [p for p in s.parts if p not in unshown]
        candidates = sorted((p for p in shown if counts[p] > 0), key=lambda p: (counts[p], s.parts.index(p))) or [
            p for p in shown if counts[p] == 0
        ]
        if s.total_first or not candidates:
            if s.total in unshown:
                return False
            unshown.add(s.total)
            return True
        unshown.add(candidates[0])
        return True

    changed = True
    while changed:
        changed = False
        for s in sums:
            parts_unshown = [p for p in s.parts if p in unshown]
            if s.total in unshown:
                if not parts_unshown and counts[s.total] > 0:  # rule 3
                    changed |= suppress_one(Sum(s.total, s.parts))
            elif not _holds(parts_unshown, counts, hidden, min_cell):
                changed |= suppress_one(s)
    return frozenset(unshown - hidden), primary


@dataclass
class Cells:
    """Every respondent count of one run, with the sums between them, after disclosure control."""

    counts: dict
    sums: list
    min_cell: int
    hidden: frozenset = frozenset()
    suppressed: frozenset = field(init=False)
    primary: frozenset = field(init=False)

    def __post_init__(self):
        self.hidden = frozenset(self.hidden)
        self.suppressed, self.primary = protect(self.counts, self.sums, self.min_cell, self.hidden)
        self._in_sums = frozenset(k for s in self.sums for k in (s.total, *s.parts))

    def shown(self, key) -> bool:
        """True when the count of `key` may be published."""
        if key not in self.counts:
            raise KeyError(f"disclosure: no cell {key!r}")
        return key not in self.suppressed and key not in self.hidden

    def value(self, key):
        """The count, or pd.NA where it is suppressed."""
        return self.counts[key] if self.shown(key) else pd.NA

    def text(self, key) -> str:
        """The count as the prose quotes it ("1,234"); "fewer than 10" for a small count that is
        in no sum (saying so helps no subtraction); "suppressed" otherwise."""
        if self.shown(key):
            return f"{self.counts[key]:,}"
        if key in self.primary and key not in self._in_sums:
            return f"fewer than {self.min_cell}"
        return SUPPRESSED_TEXT

    def percent_text(self, key, base, digits: int = 1) -> str:
        """100 * count / base as prose quotes it ("59.4%"), or "suppressed" when either count is."""
        if not (self.shown(key) and self.shown(base)) or self.counts[base] == 0:
            return SUPPRESSED_TEXT
        return f"{100 * self.counts[key] / self.counts[base]:.{digits}f}%"

    def table(
        self,
        frame: pd.DataFrame,
        counts: Mapping[str, Callable],
        *,
        base=None,
        estimates=(),
        built_from: Mapping[str, tuple] | None = None,
    ) -> pd.DataFrame:
        """`frame` under disclosure control.

        `counts`: column -> function of a row giving the cell key of that column's count; the
        frame's count must equal the ledger's (so every table shows the same numbers), and a
        suppressed count becomes empty (the column is an integer column with gaps).
        `base`: the count columns a row's estimates stand on (default: all of `counts`); the
        row is `suppressed` when any of them is, and then every column of `estimates` is
        emptied. `built_from`: value column -> the count columns it is computed from (a
        percentage and its numerator and base); it is emptied where any of them is suppressed.
        """
        out = frame.reset_index(drop=True).copy()
        hidden_mask = {}
        for col, key_of in counts.items():
            keys = [key_of(row) for row in out.itertuples(index=False)]
            expected = np.array([self.counts[k] for k in keys], dtype=float)
            if not np.array_equal(out[col].to_numpy(dtype=float), expected):
                raise AssertionError(f"disclosure: column '{col}' differs from the run's counts")
            hidden_mask[col] = np.array([not self.shown(k) for k in keys], dtype=bool)
            out[col] = pd.array([pd.NA if h else int(v) for h, v in zip(hidden_mask[col], expected)], dtype="Int64")
        row = np.zeros(len(out), dtype=bool)
        for col in counts if base is None else base:
            row |= hidden_mask[col]
        out[SUPPRESSED] = row
        for col in estimates:
            out[col] = out[col].where(~row)
        for col, sources in (built_from or {}).items():
            gone = np.zeros(len(out), dtype=bool)
            for src in sources:
                gone |= hidden_mask[src]
            out[col] = out[col].where(~gone)
        check(out, self.min_cell, tuple(counts), tuple(estimates))
        return out


def check(table: pd.DataFrame, min_cell: int, count_cols=("n",), estimate_cols=()) -> None:
    """Raise AssertionError if a count column shows a count from 1 to min_cell - 1, or a row
    marked suppressed shows an estimate."""
    for col in count_cols:
        vals = pd.to_numeric(table[col], errors="coerce").to_numpy(dtype=float)
        bad = (vals > 0) & (vals < min_cell)
        if bad.any():
            raise AssertionError(f"disclosure: {int(bad.sum())} count(s) below {min_cell} shown in '{col}'")
    if SUPPRESSED in table and len(estimate_cols):
        rows = table[SUPPRESSED].to_numpy(dtype=bool)
        for col in estimate_cols:
            if table.loc[rows, col].notna().any():
                raise AssertionError(f"disclosure: a suppressed row shows a value in '{col}'")
