"""Comparisons: ACP vs PA on the same item, each profession or setting against the rest, and
change between waves; with multiple-comparison control.

* ACP vs PA (paired): respondents who work with both roles answer both items, so the two
  estimates are correlated. The difference p_acp - p_pa is linearised with the influence
  z_acp - z_pa of every respondent (the same design), which carries the covariance; this
  is `svycontrast(svymean(~acp + pa, ...))`-style, with each proportion over its own domain.
  Family: the items of one wave; Holm's step-down adjustment.
* Group vs rest (professions, settings): the group's proportion minus the proportion of all
  other respondents with a substantive answer, linearised the same way (disjoint domains
  of the same design). Family: every group x item x role of the variable; Benjamini-Hochberg
  false discovery rate (many tests, exploratory).
* Change between waves: the waves are independent samples, each raked separately, so
  Var(p_current - p_earlier) = V_current + V_earlier (a design stratified by wave). Family:
  the common items x roles; Holm.
Intervals and p-values for differences are Wald intervals with normal quantiles (the default
of `confint` for `svycontrast` results in R).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from . import codebook as cb
from .estimates import Design, domain_influence, influence_variance, item_arrays, row_key


def adjusted(pvalues, adjust) -> np.ndarray:
    """Multiplicity-adjusted p-values by `adjust` (`_holm` or `_benjamini_hochberg`); NaN
    (comparisons not made) are left out of the family and kept as NaN."""
    p = np.asarray(pvalues, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = adjust(p[ok])
    return out


# The two adjustments do the arithmetic of statsmodels' `multipletests` ("holm", "fdr_bh"), and a
# test checks that they agree bit for bit. statsmodels is not called: it loads scipy.stats (a
# second per kernel) and its Holm runs a full garbage collection at every call.
def _holm(p: np.ndarray) -> np.ndarray:
    order = np.argsort(p)
    adjusted_sorted = np.maximum.accumulate(p[order] * np.arange(len(p), 0, -1))
    return _unsorted(np.minimum(adjusted_sorted, 1), order)


def _benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    order = np.argsort(p)
    raw = p[order] / (np.arange(1, len(p) + 1) / float(len(p)))
    return _unsorted(np.minimum(np.minimum.accumulate(raw[::-1])[::-1], 1), order)


def _unsorted(values: np.ndarray, order: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
    out[order] = values
    return out


def holm(pvalues) -> np.ndarray:
    """Holm step-down adjusted p-values."""
    return adjusted(pvalues, _holm)


def benjamini_hochberg(pvalues) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values)."""
    return adjusted(pvalues, _benjamini_hochberg)


def _wald(diff, se, confidence):
    zq = special.ndtri(0.5 + confidence / 2)  # the normal quantile (scipy.stats.norm.ppf)
    with np.errstate(invalid="ignore", divide="ignore"):
        pval = 2 * special.ndtr(-np.abs(np.asarray(diff) / np.asarray(se)))  # norm.sf
    pval = np.where(np.asarray(se) > 0, pval, np.nan)
    return np.asarray(diff) - zq * np.asarray(se), np.asarray(diff) + zq * np.asarray(se), pval


def role_contrast(
    frame: pd.DataFrame, design: Design, book: cb.Codebook, *, wave: str, confidence: float = 0.95
) -> pd.DataFrame:
    """ACP minus PA, per item asked in `wave` (frame: that wave's respondents)."""
    rows = []
    for item in book.items_in_wave(wave):
        ya, da, _ = item_arrays(frame, item.column("acp"), book)
        yb, db, _ = item_arrays(frame, item.column("pa"), book)
        pa_, za = domain_influence(ya, da, design)
        pb_, zb = domain_influence(yb, db, design)
        se = np.sqrt(influence_variance(za - zb, design))
        rows.append(
            {
                "item": item.id,
                "theme": item.theme,
                "wave": wave,
                "weighted": design.weighted,
                "n_acp": int(da.sum()),
                "n_pa": int(db.sum()),
                "n_both": int((da & db).sum()),
                "pct_acp": 100 * pa_,
                "pct_pa": 100 * pb_,
                "diff": 100 * (pa_ - pb_),
                "se": 100 * se,
            }
        )
    out = pd.DataFrame(rows)
    out["ci_low"], out["ci_high"], out["p_value"] = _wald(out["diff"], out["se"], confidence)
    out["p_holm"] = holm(out["p_value"])
    return out


def group_contrasts(
    frame: pd.DataFrame,
    design: Design,
    book: cb.Codebook,
    *,
    wave: str,
    by: str,
    roles=cb.ROLES,
    confidence: float = 0.95,
    min_cell: int = 1,
) -> pd.DataFrame:
    """Each category of `by` against all other respondents, per item and role.

    Tests whose smaller side has fewer than `min_cell` respondents are not run (they would
    be suppressed) and so do not enter the multiple-comparison family.
    """
    col = frame[by]
    cats = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else sorted(col.unique())
    values = col.astype(object).to_numpy()
    rows = []
    for item in book.items_in_wave(wave):
        for role in roles:
            y, answered, _ = item_arrays(frame, item.column(role), book)
            for cat in cats:
                inside = values == cat
                da, db = answered & inside, answered & ~inside
                row = {
                    **row_key(item, role, wave, design),
                    "by": by,
                    "group": cat,
                    "n_group": int(da.sum()),
                    "n_rest": int(db.sum()),
                }
                if min(row["n_group"], row["n_rest"]) >= max(min_cell, 2):
                    pg, zg = domain_influence(y, da, design)
                    pr, zr = domain_influence(y, db, design)
                    row.update(
                        {
                            "pct_group": 100 * pg,
                            "pct_rest": 100 * pr,
                            "diff": 100 * (pg - pr),
                            "se": 100 * np.sqrt(influence_variance(zg - zr, design)),
                        }
                    )
                else:
                    row.update({"pct_group": np.nan, "pct_rest": np.nan, "diff": np.nan, "se": np.nan})
                rows.append(row)
    out = pd.DataFrame(rows)
    out["ci_low"], out["ci_high"], out["p_value"] = _wald(out["diff"], out["se"], confidence)
    out["p_bh"] = benjamini_hochberg(out["p_value"])
    return out


def wave_change(current: pd.DataFrame, earlier: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Current minus earlier, from two `item_table` results (overall rows), common items only."""
    keys = ["item", "theme", "role"]
    both = current.merge(earlier, on=keys, suffixes=("_current", "_earlier"))
    out = both[keys].copy()
    out["weighted"] = both["weighted_current"]
    out["n_current"], out["n_earlier"] = both["n_current"], both["n_earlier"]
    out["pct_current"], out["pct_earlier"] = both["pct_agree_current"], both["pct_agree_earlier"]
    out["change"] = out["pct_current"] - out["pct_earlier"]
    out["se"] = np.sqrt(both["se_current"] ** 2 + both["se_earlier"] ** 2)
    out["ci_low"], out["ci_high"], out["p_value"] = _wald(out["change"], out["se"], confidence)
    out["p_holm"] = holm(out["p_value"])
    return out
