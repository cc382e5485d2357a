"""Raking (iterative proportional fitting) to population margins, trimming and diagnostics.

Method (as `survey::rake()` in R, then `trimWeights`-style capping):
1. Start from base weights (1 for every respondent: the survey is an open, single-stage
   sample with no design weights).
2. Rake: multiply the weights of each category of a margin variable (profession, then
   setting, ...) so that their sum equals population share x sum of base weights; repeat
   over the variables until the largest relative gap between weighted and target margins
   is below `tol` (1e-10) or `max_iter` sweeps.
3. Trim: cap each weight to [`lower`, `upper`] x mean weight (defaults 0.2 and 5, so no
   respondent counts for more than 25 times another), then rake again; repeat until no
   weight is outside the bounds after raking or `max_trim` rounds. When the bounds bind,
   margins can be missed slightly; the diagnostics report the largest gap.
Weights are scaled to average 1 (they sum to the number of respondents); proportions do
not depend on the scale.

Raking works on the table of weight totals by category combination, so its cost is
independent of the number of respondents except for one pass to build the table.

Diagnostics: Kish's approximate design effect from weighting, deff = n sum(w^2) / (sum w)^2,
and effective sample size n_eff = (sum w)^2 / sum(w^2) = n / deff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.paths import relative
from . import codebook as cb

LOWER, UPPER = 0.2, 5.0
TOL = 1e-10


@dataclass
class RakeResult:
    weights: np.ndarray
    converged: bool
    iterations: int
    trim_rounds: int
    max_margin_gap: float  # largest |weighted share - target share|
    n_trimmed: int  # respondents whose weight was capped in some round
    margins: dict = field(default_factory=dict)  # variable -> {category: target share}


MARGIN_COLUMNS = ("variable", "category", "share")


def read_margins(path, book: cb.Codebook | None = None) -> dict[str, dict[str, float]]:
    """Population margins from a CSV with columns variable, category, share[, source, note].

    Shares of each variable must be non-negative and sum to 1 (within 1e-6); variables and
    categories must be in the code book. Errors name the file's line (the header is line 1).
    """
    book = book or cb.load()
    shown = relative(path)
    table = read_csv(path, MARGIN_COLUMNS, what="margins file", exact=False)
    margins: dict[str, dict[str, float]] = {}
    for k, row in table.iterrows():
        var, cat, line = row["variable"], row["category"], line_of(k)
        if var not in book.profile:
            raise InputError(
                "unknown margin variable",
                file=shown,
                line=line,
                column="variable",
                value=var,
                allowed=list(book.profile),
            )
        if cat not in book.profile[var]:
            raise InputError(
                "unknown category", file=shown, line=line, column="category", value=cat, allowed=list(book.profile[var])
            )
        try:
            share = float(row["share"])
        except ValueError:
            raise InputError(
                "share is not a number", file=shown, line=line, column="share", value=row["share"]
            ) from None
        if not np.isfinite(share) or share < 0:
            raise InputError(
                "share must be a non-negative number", file=shown, line=line, column="share", value=row["share"]
            )
        margins.setdefault(var, {})[cat] = share
    for var, shares in margins.items():
        total = sum(shares.values())
        if abs(total - 1) > 1e-6:
            raise InputError(f"shares of '{var}' sum to {total:.6g}, not 1", file=shown, column="share")
    return margins


def margin_sources(path) -> set[str]:
    """The distinct non-blank values of the margins file's optional `source` column."""
    table = read_csv(path, MARGIN_COLUMNS, what="margins file", exact=False)
    if "source" not in table.columns:
        return set()
    return {value.strip() for value in table["source"] if value.strip()}


def _codes(frame: pd.DataFrame, var: str, cats: list[str]) -> np.ndarray:
    col = frame[var]
    if isinstance(col.dtype, pd.CategoricalDtype) and list(col.cat.categories) == cats:
        return col.cat.codes.to_numpy()
    return pd.Categorical(col, categories=cats).codes


def rake(
    frame: pd.DataFrame,
    margins: dict[str, dict[str, float]],
    base=None,
    *,
    lower: float = LOWER,
    upper: float = UPPER,
    tol: float = TOL,
    max_iter: int = 1000,
    max_trim: int = 50,
    file: str | None = None,
) -> RakeResult:
    """Raked (and trimmed) weights for the rows of `frame` (see module docstring)."""
    n = len(frame)
    variables = list(margins)
    if n == 0:
        return RakeResult(np.zeros(0), True, 0, 0, 0.0, 0, margins)
    base = np.ones(n) if base is None else np.asarray(base, dtype=float)
    cats = {v: list(margins[v]) for v in variables}
    codes = []
    for v in variables:
        c = _codes(frame, v, cats[v])
        if (c < 0).any():
            k = int(np.flatnonzero(c < 0)[0])
            who = f"respondent {frame['respondent_id'].iloc[k]}" if "respondent_id" in frame else "a respondent"
            raise InputError(
                f"{who} is in a category that has no population margin",
                file=file,
                column=v,
                value=frame[v].iloc[k],
                allowed=cats[v],
            )
        codes.append(c.astype(np.int64))
    target_share = [np.array([margins[v][c] for c in cats[v]]) for v in variables]
    for v, c, t in zip(variables, codes, target_share):
        present = np.bincount(c, minlength=len(t)) > 0
        empty = [cats[v][j] for j in np.flatnonzero(~present & (t > 0))]
        if empty:
            raise InputError(
                "cannot rake: no respondents in a category with a population share "
                "(collapse categories in the margins file)",
                file=file,
                column=v,
                value=empty[0],
                allowed=[cats[v][j] for j in np.flatnonzero(present)],
            )
    # Cell index over the combination of all margin variables.
    shape = tuple(len(cats[v]) for v in variables)
    cell = np.ravel_multi_index(tuple(codes), shape)
    total = base.sum()
    targets = [t * total for t in target_share]
    w = base.copy()
    iterations = trim_rounds = 0
    converged = False
    capped = np.zeros(n, dtype=bool)
    for trim_rounds in range(max_trim + 1):
        table = np.bincount(cell, weights=w, minlength=int(np.prod(shape))).reshape(shape)
        factor = np.ones(shape)
        for _ in range(max_iter):
            iterations += 1
            for axis, t in enumerate(targets):
                other = tuple(a for a in range(len(shape)) if a != axis)
                current = (table * factor).sum(axis=other)
                adj = np.divide(t, current, out=np.ones_like(t), where=current > 0)
                shp = [1] * len(shape)
                shp[axis] = -1
                factor = factor * adj.reshape(shp)
            gaps = [
                np.abs((table * factor).sum(axis=tuple(a for a in range(len(shape)) if a != ax)) - t).max() / total
                for ax, t in enumerate(targets)
            ]
            if max(gaps) < tol:
                converged = True
                break
        w = w * factor.ravel()[cell]
        mean = w.mean()
        lo, hi = lower * mean, upper * mean
        outside = (w < lo * (1 - 1e-12)) | (w > hi * (1 + 1e-12))
        if not outside.any():
            break
        capped |= outside
        w = np.clip(w, lo, hi)
        if trim_rounds == max_trim:  # bounds win; the margin gap is reported
            break
    w = w * n / w.sum()
    if capped.any() and trim_rounds == max_trim:
        for _ in range(1000):  # clip relative to the mean until stable
            clipped = np.clip(w, lower, upper)
            clipped = clipped * n / clipped.sum()
            if np.allclose(clipped, w, rtol=0, atol=1e-12):
                break
            w = clipped
        w = clipped
    shares = [np.bincount(c, weights=w, minlength=len(t)) / w.sum() for c, t in zip(codes, target_share)]
    gap = max(float(np.abs(s - t).max()) for s, t in zip(shares, target_share))
    within = bool(((w >= lower * (1 - 1e-9)) & (w <= upper * (1 + 1e-9))).all())
    return RakeResult(w, converged and gap < 1e-6 and within, iterations, trim_rounds, gap, int(capped.sum()), margins)


def kish_deff(w) -> float:
    """Kish's design effect due to unequal weights: n * sum(w^2) / (sum w)^2."""
    w = np.asarray(w, dtype=float)
    return float(len(w) * (w**2).sum() / w.sum() ** 2) if len(w) else float("nan")


def effective_n(w) -> float:
    """Kish's effective sample size: (sum w)^2 / sum(w^2)."""
    w = np.asarray(w, dtype=float)
    return float(w.sum() ** 2 / (w**2).sum()) if len(w) else 0.0


def diagnostics(wave: str, result: RakeResult) -> dict:
    """One wave's raking diagnostics: n, effective n, Kish deff, weight range, weights capped,
    sweeps, convergence and the largest margin gap (percentage points)."""
    w = result.weights
    return {
        "wave": wave,
        "n": len(w),
        "effective_n": effective_n(w),
        "design_effect": kish_deff(w),
        "min_weight": w.min(),
        "max_weight": w.max(),
        "n_capped": result.n_trimmed,
        "rake_iterations": result.iterations,
        "converged": result.converged,
        "max_margin_gap_pct": 100 * result.max_margin_gap,
    }
