"""Disclosure control: no table or chart shows a cell built from fewer than `min_cell` respondents.

Rules:
* Estimates (percentages, intervals, differences): a row whose respondent count column(s)
  are below `min_cell` is marked `suppressed = True` and its values are emptied (NaN). For a
  comparison, the row is suppressed when either side is below `min_cell`.
* Counts of respondents (response profile, free-text themes): a count below `min_cell`
  (but above 0) is suppressed; when a total is shown and only one cell of a group is
  suppressed, the next smallest cell is suppressed too (complementary suppression), so
  that the suppressed count cannot be recovered by subtraction. Zero counts are shown:
  they disclose nothing about an individual.
Charts are drawn only from tables that went through these functions.

`assert_safe` is the check the tests (and the chapter, before saving) run on every output;
`protect` and `protect_counts` suppress and check in one call.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"


def suppress(table: pd.DataFrame, min_cell: int, n_cols=("n",), value_cols=()) -> pd.DataFrame:
    """Mark rows with any of `n_cols` below `min_cell` as suppressed and empty `value_cols`.

    The count columns themselves stay (a reader may see that a group is small) unless they
    are also listed in `value_cols`.
    """
    out = table.copy()
    small = np.zeros(len(out), dtype=bool)
    for col in n_cols:
        small |= out[col].to_numpy() < min_cell
    out["suppressed"] = small | (out["suppressed"].to_numpy(dtype=bool) if "suppressed" in out else False)
    for col in value_cols:
        out[col] = out[col].astype(float).where(~out["suppressed"])
    return out


def suppress_counts(
    table: pd.DataFrame, min_cell: int, count_col: str = "n", group_cols=(), share_cols=()
) -> pd.DataFrame:
    """Suppress small counts within each group, with complementary suppression.

    Returns the table with `count_col` and `share_cols` set to NaN where suppressed and a
    boolean `suppressed` column.
    """
    out = table.copy().reset_index(drop=True)
    counts = out[count_col].to_numpy(dtype=float)
    flag = (counts > 0) & (counts < min_cell)
    keys = [()] * len(out) if not group_cols else list(out[list(group_cols)].itertuples(index=False, name=None))
    for key in dict.fromkeys(keys):
        rows = np.array([k == key for k in keys])
        if flag[rows].sum() == 1:
            candidates = np.flatnonzero(rows & ~flag & (counts > 0))
            if len(candidates):
                flag[candidates[np.argmin(counts[candidates])]] = True
    out["suppressed"] = flag
    for col in (count_col, *share_cols):
        out[col] = out[col].astype(float).where(~flag)
    return out


def assert_safe(table: pd.DataFrame, min_cell: int, n_cols=("n",), value_cols=()) -> None:
    """Raise AssertionError if a row built from fewer than `min_cell` respondents shows a value."""
    small = np.zeros(len(table), dtype=bool)
    for col in n_cols:
        vals = table[col].to_numpy(dtype=float)
        small |= (vals < min_cell) & (vals > 0) if col in value_cols else vals < min_cell
    for col in value_cols:
        shown = table[col].notna().to_numpy()
        bad = small & shown
        if bad.any():
            raise AssertionError(
                f"disclosure: column '{col}' shows a value built from fewer than "
                f"{min_cell} respondents in {int(bad.sum())} row(s)"
            )
    if len(table) and "suppressed" in table and small.any():
        if not table.loc[small, "suppressed"].all():
            raise AssertionError("disclosure: a small cell is not marked suppressed")


def assert_counts_safe(table: pd.DataFrame, min_cell: int, count_col: str = "n", share_cols=()) -> None:
    """Raise AssertionError if a count table shows a count in 1..min_cell-1 (or its share)."""
    counts = table[count_col].to_numpy(dtype=float)
    bad = (counts > 0) & (counts < min_cell)
    if bad.any():
        raise AssertionError(f"disclosure: {int(bad.sum())} count(s) below {min_cell} shown in '{count_col}'")
    if "suppressed" in table:
        sup = table["suppressed"].to_numpy(dtype=bool)
        for col in (count_col, *share_cols):
            if table.loc[sup, col].notna().any():
                raise AssertionError(f"disclosure: suppressed cells show a value in '{col}'")


def protect(table: pd.DataFrame, min_cell: int, n_cols=("n",), value_cols=()) -> pd.DataFrame:
    """`suppress`, then `assert_safe` on the result: what every table of estimates goes through."""
    out = suppress(table, min_cell, n_cols, value_cols)
    assert_safe(out, min_cell, n_cols, value_cols)
    return out


def protect_counts(
    table: pd.DataFrame, min_cell: int, count_col: str = "n", group_cols=(), share_cols=()
) -> pd.DataFrame:
    """`suppress_counts`, then `assert_counts_safe`: what every table of counts goes through."""
    out = suppress_counts(table, min_cell, count_col, group_cols, share_cols)
    assert_counts_safe(out, min_cell, count_col, share_cols)
    return out
