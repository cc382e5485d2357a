"""Weighted proportions agreeing, their linearised standard errors and intervals.

Conventions follow R's `survey` package for a raked, single-stage, with-replacement design
with no strata or clusters (`svydesign(ids = ~1, weights = ~1, data = wave)`, then `rake()`
to the profession and setting margins, then `svymean(~agree, subset(design, answered))`):

* Estimate: p = sum_D w y / sum_D w over the domain D (respondents in the group who gave a
  substantive answer, 1-5; don't know and blank are outside D), y = 1 for agree or
  strongly agree.
* Influence of respondent i: z_i = 1(i in D) (y_i - p) / sum_D w. Calibration: z is replaced
  by its residual from the unweighted least-squares projection on the indicators of the
  raking margins over the whole wave sample (what `svyrecvar` approximates by ten sweeps of
  `x - w * ave(x / w, margin)`; here solved exactly from the normal equations).
  Respondents outside D keep a residual, as in `subset()` of a calibrated design.
* Variance: with x_i = w_i e_i, V = n / (n - 1) * sum_i (x_i - mean(x))^2 over all n
  respondents of the wave (the with-replacement estimator of `svyrecvar` for one stage).
* Unweighted estimates use w = 1 and no calibration (then V = p (1 - p) / (n - 1) when D is
  the whole sample).
* Interval: logit (as `svyciprop(method = "logit")`): expit(logit p -/+ t * SE / (p (1 - p)))
  with t from Student's t with n_D - 1 degrees of freedom (`degf` of the subset design).
  When p is 0 or 1 the logit interval does not exist and the Wilson score interval with the
  domain's n is used instead.

The fast path (`domain_estimates`) reduces everything to sums by (group, cell), where a cell
is a combination of raking categories, so that one pass over the respondents gives every
group's estimate and SE; `influence_variance` is the direct per-respondent formula, used for
contrasts and, in the tests, as the reference for the fast path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from . import codebook as cb


class Projector:
    """Unweighted least-squares projection on the additive indicators of raking margins."""

    def __init__(self, codes: list[np.ndarray], sizes: list[int]):
        self.sizes = tuple(int(s) for s in sizes)
        self.cell = np.ravel_multi_index(tuple(np.asarray(c, dtype=np.int64) for c in codes), self.sizes)
        self.n_cells = int(np.prod(self.sizes))
        cell_codes = np.unravel_index(np.arange(self.n_cells), self.sizes)
        blocks = [np.eye(s)[cc] for s, cc in zip(self.sizes, cell_codes)]
        self.X = np.hstack(blocks)  # cells x parameters
        counts = np.bincount(self.cell, minlength=self.n_cells).astype(float)
        self.pinv = np.linalg.pinv(self.X.T @ (counts[:, None] * self.X))

    def fitted_cells(self, z_cell_sums: np.ndarray) -> np.ndarray:
        """Fitted value of each cell, from the unweighted sums of z by cell (cells x m or cells)."""
        return self.X @ (self.pinv @ (self.X.T @ z_cell_sums))

    def residuals(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        sums = np.bincount(self.cell, weights=z, minlength=self.n_cells)
        return z - self.fitted_cells(sums)[self.cell]


@dataclass
class Design:
    """One wave's respondents: final weights and, when raked, the raking margins' codes."""

    weights: np.ndarray
    projector: Projector | None = None

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def weighted(self) -> bool:
        return self.projector is not None or not np.all(self.weights == 1)

    @classmethod
    def unweighted(cls, n: int) -> Design:
        return cls(np.ones(n), None)

    @classmethod
    def raked(cls, frame: pd.DataFrame, weights, margins: dict) -> Design:
        codes, sizes = [], []
        for var, shares in margins.items():
            cats = list(shares)
            codes.append(pd.Categorical(frame[var].astype(object), categories=cats).codes)
            sizes.append(len(cats))
        return cls(np.asarray(weights, dtype=float), Projector(codes, sizes))


def influence_variance(z: np.ndarray, design: Design) -> float:
    """Linearised variance of a statistic whose influence (per unit weight) is z."""
    z = np.asarray(z, dtype=float)
    if design.projector is not None:
        z = design.projector.residuals(z)
    x = design.weights * z
    n = len(x)
    if n < 2:
        return float("nan")
    return float(n / (n - 1) * ((x - x.mean()) ** 2).sum())


def domain_influence(y: np.ndarray, in_domain: np.ndarray, design: Design) -> tuple[float, np.ndarray]:
    """Weighted proportion over a domain and its influence z (per unit weight, zero outside D)."""
    w = design.weights
    d = np.asarray(in_domain, dtype=bool)
    total = w[d].sum()
    if total <= 0:
        return float("nan"), np.zeros(len(w))
    yv = np.where(d, np.asarray(y, dtype=float), 0.0)
    p = float((w * yv).sum() / total)
    return p, np.where(d, (yv - p) / total, 0.0)


def proportion(y, in_domain, design: Design) -> tuple[float, float, int]:
    """(p, SE, n) by the direct formula."""
    p, z = domain_influence(y, in_domain, design)
    return p, float(np.sqrt(influence_variance(z, design))), int(np.asarray(in_domain, bool).sum())


def domain_estimates(
    y: np.ndarray, answered: np.ndarray, groups: np.ndarray, n_groups: int, design: Design
) -> pd.DataFrame:
    """p, SE and n for every group at once (groups: integer codes, -1 = in no group).

    Same result as `proportion` on each group's domain (answered & group == g), from sums
    by (group, cell); see the module docstring.
    """
    w = design.weights
    n = len(w)
    proj = design.projector
    cell = proj.cell if proj is not None else np.zeros(n, dtype=np.int64)
    n_cells = proj.n_cells if proj is not None else 1
    s = np.asarray(answered, dtype=bool) & (np.asarray(groups) >= 0)
    yv = np.asarray(y, dtype=float)
    idx = (np.asarray(groups, dtype=np.int64) * n_cells + cell)[s]
    size = n_groups * n_cells
    ws, ys = w[s], yv[s]

    def agg(weights):
        return np.bincount(idx, weights=weights, minlength=size).reshape(n_groups, n_cells)

    N0, N1 = agg(None).astype(float), agg(ys)
    S0, S1 = agg(ws), agg(ws * ys)
    Q0, Q1 = agg(ws**2), agg(ws**2 * ys)
    with np.errstate(invalid="ignore", divide="ignore"):
        W = S0.sum(axis=1)
        p = S1.sum(axis=1) / W
        pc = p[:, None]
        Wc = W[:, None]
        if proj is not None:
            Cw = np.bincount(cell, weights=w, minlength=n_cells)
            C2 = np.bincount(cell, weights=w**2, minlength=n_cells)
            zsum = (N1 - pc * N0) / Wc  # groups x cells
            f = proj.fitted_cells(np.nan_to_num(zsum).T).T  # groups x cells
        else:
            Cw = np.bincount(cell, weights=w, minlength=n_cells)
            C2 = np.bincount(cell, weights=w**2, minlength=n_cells)
            f = np.zeros_like(S0)
        sum_x = ((S1 - pc * S0) / Wc - f * Cw).sum(axis=1)
        sum_x2 = ((Q1 * (1 - 2 * pc) + pc**2 * Q0) / Wc**2 - 2 * f * (Q1 - pc * Q0) / Wc + f**2 * C2).sum(axis=1)
        var = n / (n - 1) * (sum_x2 - sum_x**2 / n) if n > 1 else np.full(n_groups, np.nan)
    var = np.where(var < 0, 0.0, var)  # rounding when the true variance is 0
    return pd.DataFrame({"n": N0.sum(axis=1).astype(int), "p": p, "se": np.sqrt(var), "sum_w": W})


def wilson_interval(p, n, confidence: float = 0.95):
    """Wilson score interval for a proportion p from n (arrays allowed)."""
    p, n = np.asarray(p, dtype=float), np.asarray(n, dtype=float)
    zq = special.ndtri(0.5 + confidence / 2)  # the normal quantile (scipy.stats.norm.ppf)
    with np.errstate(invalid="ignore", divide="ignore"):
        denom = 1 + zq**2 / n
        centre = (p + zq**2 / (2 * n)) / denom
        half = zq * np.sqrt(p * (1 - p) / n + zq**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def logit_interval(p, se, df, confidence: float = 0.95):
    """svyciprop(method = "logit")-style interval: expit(logit p -/+ t_df SE / (p (1 - p)))."""
    p, se, df = (np.asarray(a, dtype=float) for a in (p, se, df))
    with np.errstate(invalid="ignore", divide="ignore"):
        tq = np.where(df > 0, special.stdtrit(df, 0.5 + confidence / 2), np.nan)  # scipy.stats.t.ppf
        eta = np.log(p / (1 - p))
        half = tq * se / (p * (1 - p))
        low, high = 1 / (1 + np.exp(-(eta - half))), 1 / (1 + np.exp(-(eta + half)))
    return low, high


def proportion_interval(p, se, n, confidence: float = 0.95):
    """Logit interval, or Wilson with n where p is 0 or 1 (see module docstring)."""
    p, se, n = (np.asarray(a, dtype=float) for a in (p, se, n))
    low, high = logit_interval(p, se, n - 1, confidence)
    wl, wh = wilson_interval(p, n, confidence)
    edge = (p <= 0) | (p >= 1)
    low, high = np.where(edge, wl, low), np.where(edge, wh, high)
    bad = n < 2
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def item_arrays(frame: pd.DataFrame, column: str, book: cb.Codebook):
    """(agree indicator, substantive answer, don't know) for one item column."""
    v = frame[column].to_numpy(dtype=float)
    answered = np.isin(v, book.substantive)
    return np.isin(v, book.agree).astype(float), answered, v == book.dont_know


def row_key(item: cb.Item, role: str, wave: str, design: Design) -> dict:
    """The columns that name a row of estimates: item, theme, role, wave and whether weighted."""
    return {"item": item.id, "theme": item.theme, "role": role, "wave": wave, "weighted": design.weighted}


def item_table(
    frame: pd.DataFrame,
    design: Design,
    book: cb.Codebook,
    *,
    wave: str,
    roles=cb.ROLES,
    by: str | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Percentage agreeing for every item (asked in `wave`) and role, overall or by a variable.

    `frame` holds this wave's respondents only, in the order of the design's weights.
    Columns: item, theme, role, wave, weighted, [by, group], n, n_dont_know, pct_agree, se
    (percentage points), ci_low, ci_high (no disclosure control here: see disclosure.py).
    """
    if by is None:
        groups, labels = np.zeros(len(frame), dtype=np.int64), ["all"]
    else:
        col = frame[by]
        cats = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else sorted(col.unique())
        groups = pd.Categorical(col.astype(object), categories=cats).codes.astype(np.int64)
        labels = cats
    rows = []
    for item in book.items_in_wave(wave):
        for role in roles:
            y, answered, dk = item_arrays(frame, item.column(role), book)
            est = domain_estimates(y, answered, groups, len(labels), design)
            n_dk = np.bincount(groups[dk & (groups >= 0)], minlength=len(labels))
            low, high = proportion_interval(est["p"], est["se"], est["n"], confidence)
            for g, label in enumerate(labels):
                row = row_key(item, role, wave, design)
                if by is not None:
                    row.update({"by": by, "group": label})
                row.update(
                    {
                        "n": int(est["n"].iloc[g]),
                        "n_dont_know": int(n_dk[g]),
                        "pct_agree": 100 * est["p"].iloc[g],
                        "se": 100 * est["se"].iloc[g],
                        "ci_low": 100 * low[g],
                        "ci_high": 100 * high[g],
                    }
                )
                rows.append(row)
    return pd.DataFrame(rows)


def likert_distribution(
    frame: pd.DataFrame, design: Design, book: cb.Codebook, *, wave: str, roles=cb.ROLES
) -> pd.DataFrame:
    """Weighted percentage giving each answer 1-5 among substantive answers, per item and role,
    with n (substantive answers) and the weighted percentage answering don't know among all
    who answered (1-5 or 9)."""
    w = design.weights
    rows = []
    for item in book.items_in_wave(wave):
        for role in roles:
            v = frame[item.column(role)].to_numpy(dtype=float)
            answered = np.isin(v, book.substantive)
            responded = answered | (v == book.dont_know)
            total = w[answered].sum()
            row = {**row_key(item, role, wave, design), "n": int(answered.sum())}
            for code, label in book.scale.items():
                row[label] = 100 * w[v == code].sum() / total if total > 0 else np.nan
            row["pct_dont_know"] = (
                100 * w[v == book.dont_know].sum() / w[responded].sum() if responded.any() else np.nan
            )
            rows.append(row)
    return pd.DataFrame(rows)
