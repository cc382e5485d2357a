"""Who answered: the response profile of each wave, and the sample's mix of profession and
setting against the population margins (before and after weighting), both under disclosure
control: their counts are the same cells of the run's ledger (`run.cells`), so a count
suppressed in one is suppressed in the other, and every percentage goes with its count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import counts
from .run import SurveyRun

PROFILE_VARS = ("profession", "setting", "region", "years_in_role", "works_with_acp", "works_with_pa")


def response_profile(run: SurveyRun) -> pd.DataFrame:
    """Respondents giving each answer to the profile questions, by wave: n and % of the wave."""
    rows = []
    for var in PROFILE_VARS:
        for w in ("current", "earlier"):
            if w not in run.waves:
                continue
            col = run.waves[w][var].astype(object)
            for cat in run.book.profile[var]:
                n = int((col == cat).sum())
                rows.append({"variable": var, "category": cat, "wave": w, "n": n, "pct": 100 * n / len(col)})
    table = pd.DataFrame(rows)
    return run.cells.table(table, {"n": lambda r: counts.profile(r.variable, r.category, r.wave)}, estimates=("pct",))


def margin_comparison(run: SurveyRun) -> pd.DataFrame:
    """Sample, weighted and population % of each margin category, by wave (weighted = sample
    when weighting is off)."""
    rows = []
    for w, sub in run.waves.items():
        weights = run.design(w, True).weights if run.weighting_on else np.ones(len(sub))
        for var, shares in run.margins.items():
            col = sub[var].astype(object).to_numpy()
            for cat, share in shares.items():
                hit = col == cat
                rows.append(
                    {
                        "wave": w,
                        "variable": var,
                        "category": cat,
                        "n": int(hit.sum()),
                        "sample_pct": 100 * hit.mean(),
                        "weighted_pct": 100 * weights[hit].sum() / weights.sum(),
                        "population_pct": 100 * share,
                    }
                )
    table = pd.DataFrame(rows)
    return run.cells.table(
        table,
        {"n": lambda r: counts.profile(r.variable, r.category, r.wave)},
        estimates=("sample_pct", "weighted_pct"),
    )


def diagnostics(run: SurveyRun) -> pd.DataFrame:
    """The raking diagnostics of each wave: a wave whose size is suppressed shows none, and the
    number of weights capped is a count like any other."""
    table = run.diagnostics
    if table.empty:
        return table
    values = [c for c in table.columns if c not in ("wave", "n", "n_capped")]
    return run.cells.table(
        table,
        {"n": lambda r: counts.wave(r.wave), "n_capped": lambda r: counts.capped(r.wave)},
        base=("n",),
        estimates=values,
    )
