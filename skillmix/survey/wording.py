"""The numbers and sentences each section of the survey chapter glues into its prose.

Every `*_values` function returns key -> value for `Publisher.glue`, so the notebook holds
no wording. Every count of respondents quoted, and every percentage built from such counts,
comes from the run's ledger under disclosure control (`run.cells`): it is glued as text
("1,234", "59.4%") or as "suppressed". The synthetic generator is imported only for its seed,
which the banner and the methods note quote.
"""

from __future__ import annotations

import pandas as pd

from . import counts, weighting
from .run import SurveyRun
from .synthetic import SEED as GENERATOR_SEED


def _pct(mask: pd.Series) -> float:
    """Percentage of True values, to one decimal place."""
    return round(100 * float(mask.mean()), 1)


def _n_below(p_values: pd.Series, alpha: float) -> int:
    """Number of (adjusted) p-values below `alpha`; missing values never count."""
    return int((p_values < alpha).sum())


# -- introduction and methods -------------------------------------------------------------------
def banner(run: SurveyRun) -> str:
    """What the results are built from: synthetic responses, or the named file."""
    resp, n = run.responses, run.cells.text(counts.respondents())
    if run.synthetic:
        return (
            f"These results are built from SYNTHETIC responses ({n} made-up respondents "
            f"made by the book's seeded generator, seed {GENERATOR_SEED}), not from the study's "
            f"survey, whose respondent-level data are not public. They illustrate the methods "
            f"and say nothing about what NHS staff think."
        )
    return (
        f"These results are built from the survey responses in {resp.file} "
        f"({resp.format} format, {n} respondents, sha256 {resp.sha256[:12]}...)."
    )


def data_marks(run: SurveyRun) -> str:
    """Where the synthetic-data label travels besides the banner and captions, or that a run
    on real responses carries none."""
    if run.synthetic:
        return (
            'Every table downloaded from this chapter has a column "data_status" reading "synthetic", '
            'every chart carries a "Synthetic data" stamp, and the claims ledger marks every value '
            "quoted here from these responses as synthetic."
        )
    return "The downloads, charts and claims ledger carry no synthetic-data mark."


def data_label(run: SurveyRun) -> str:
    return "Synthetic data." if run.synthetic else f"Survey responses: {run.responses.file}."


def source_line(run: SurveyRun) -> str:
    """The source line under a table built from the responses."""
    if run.synthetic:
        return f"Synthetic survey responses ({run.responses.file}), not the study's survey."
    return f"Survey responses: {run.responses.file}."


def intro_values(run: SurveyRun) -> dict:
    """What the chapter's introduction and captions quote: data, roles, settings of the run."""
    return {
        "banner": banner(run),
        "data_label": data_label(run),
        "data_marks": data_marks(run),
        "roles_text": " and ".join(run.book.roles[r] for r in run.roles),
        "n_items": len(run.book.items),
        "n_common_items": len(run.book.common_items),
        "min_cell": run.min_cell,
        "confidence_pct": round(100 * run.confidence, 1),
        "alpha_pct": round(100 * run.alpha, 1),
        "responses_file": run.responses.file,
        "weighting_text": (
            "raked to population margins of profession and setting"
            if run.weighting_on
            else "unweighted (weighting switched off for this run)"
        ),
    }


def methods_values() -> dict:
    """Constants the methods note quotes: the generator's seed and the trimming bounds."""
    return {"seed": GENERATOR_SEED, "trim_lower": weighting.LOWER, "trim_upper": weighting.UPPER}


# -- response profile and weighting -------------------------------------------------------------
def profile_values(run: SurveyRun, profile: pd.DataFrame) -> dict:
    """Wave sizes, the current wave's shares working with each role and with both, and the
    number of suppressed cells of the response profile."""
    cells, wave = run.cells, counts.wave("current")
    acp, pa = (counts.profile(run.book.routing[r], "yes", "current") for r in ("acp", "pa"))
    return {
        "n_current": cells.text(wave),
        "n_earlier": cells.text(counts.wave("earlier")) if "earlier" in run.waves else "0",
        "pct_with_acp": cells.percent_text(acp, wave),
        "pct_with_pa": cells.percent_text(pa, wave),
        "pct_with_both": cells.percent_text(counts.with_roles("yes", "yes"), wave),
        "n_profile_suppressed": int(profile["suppressed"].sum()),
    }


def weighting_sentence(run: SurveyRun) -> str:
    """Raking diagnostics of the current wave in words, or why there are none."""
    if not run.weighting_on:
        return (
            "Weighting is switched off for this run: every respondent counts once, and the table below "
            "shows how far the sample's mix differs from the margins that raking would use."
        )
    cur = run.diagnostics.set_index("wave").loc["current"]
    capped = run.cells.text(counts.capped_all())
    if not run.cells.shown(counts.wave("current")):
        return (
            f"Each wave was raked separately to the profession and setting margins in the margins file. "
            f"The current wave is too small for its raking diagnostics to be shown "
            f"({capped} weights capped in all)."
        )
    return (
        f"Each wave was raked separately to the profession and setting margins in the margins file. "
        f"In the current wave raking converged in {int(cur['rake_iterations'])} sweeps, "
        f"the design effect from weighting (Kish) is {cur['design_effect']:.2f} and the "
        f"effective sample size {cur['effective_n']:,.0f} of {int(cur['n']):,}; "
        f"weights range from {cur['min_weight']:.2f} to {cur['max_weight']:.2f} "
        f"(trimming bounds {weighting.LOWER} to {weighting.UPPER} times the mean weight; "
        f"{capped} weights capped)."
    )


def margins_source(run: SurveyRun) -> str:
    """Where the population margins come from, as the margins file's `source` column says."""
    if run.margin_sources == {"illustrative assumption"}:
        return "illustrative assumptions, not published population figures"
    if not run.margin_sources:
        return "not stated in the margins file (it has no source column)"
    return "the sources named in the margins file"


def weighting_values(run: SurveyRun) -> dict:
    return {"weighting_sentence": weighting_sentence(run), "margins_source": margins_source(run)}


# -- estimates ----------------------------------------------------------------------------------
def weighting_gap(details: pd.DataFrame, wave: str = "current") -> float:
    """The largest absolute difference, in percentage points, between the weighted and the
    unweighted % agreeing of any item and role shown (not suppressed) in `wave`."""
    rows = details[(details["wave"] == wave) & ~details["suppressed"]]
    pair = rows.pivot_table(index=["item", "role"], columns="weighted", values="pct_agree")
    return float((pair[True] - pair[False]).abs().max())


def estimate_values(run: SurveyRun, details: pd.DataFrame) -> dict:
    """How much weighting moves the estimates, and how many estimates are suppressed."""
    if run.weighting_on:
        sentence = (
            f"Weighting moves the percentage agreeing by at most {weighting_gap(details):.1f} "
            f"percentage points on any item in the current wave."
        )
    else:
        sentence = "Only unweighted estimates are shown because weighting is switched off for this run."
    return {"weighting_effect": sentence, "n_estimates_suppressed": int(details["suppressed"].sum())}


def likert_values(run: SurveyRun, dist: pd.DataFrame) -> dict:
    """The statements (with role) that the most and the fewest agree with, in words."""
    shown = dist[~dist["suppressed"]]
    agree_cols = [run.book.scale[code] for code in run.book.agree]
    agree = shown[agree_cols].sum(axis=1, min_count=len(agree_cols))
    ranked = shown.assign(agree=agree).sort_values("agree")

    def describe(row) -> str:
        return f"{run.book.short_label(row['item']).lower()} ({row['role'].upper()}, {row['agree']:.0f}% agreeing)"

    if ranked.empty:
        return {"likert_highest": "none shown", "likert_lowest": "none shown"}
    return {"likert_highest": describe(ranked.iloc[-1]), "likert_lowest": describe(ranked.iloc[0])}


# -- comparisons --------------------------------------------------------------------------------
def role_values(run: SurveyRun, rc: pd.DataFrame) -> dict:
    """How many ACP-PA differences stay significant after Holm's adjustment, in words."""
    if len(run.roles) < 2:
        sentence = f"This run reports one role only (focus_role = {run.focus_role}), so the two roles are not compared."
    else:
        sentence = (
            f"Of {int(rc['p_holm'].notna().sum())} statements compared, {_n_below(rc['p_holm'], run.alpha)} "
            f"show a difference between the two roles that remains significant at the "
            f"{100 * run.alpha:.0f}% level after Holm's adjustment for multiple comparisons."
        )
    return {"role_sentence": sentence}


def group_values(run: SurveyRun, prefix: str, by_group: pd.DataFrame, contrasts: pd.DataFrame) -> dict:
    """Tests made, tests significant at the false discovery rate, and suppressed estimates,
    under keys `<prefix>_n_tests`, `<prefix>_n_sig` and `<prefix>_n_suppressed`."""
    return {
        f"{prefix}_n_tests": int(contrasts["p_bh"].notna().sum()),
        f"{prefix}_n_sig": _n_below(contrasts["p_bh"], run.alpha),
        f"{prefix}_n_suppressed": int(by_group["suppressed"].sum()),
    }


def wave_values(run: SurveyRun, wc: pd.DataFrame) -> dict:
    """How many changes between waves are significant after Holm's adjustment, or why change
    is not reported."""
    if len(wc):
        sentence = (
            f"On the {len(run.book.common_items)} statements asked in both waves, "
            f"{_n_below(wc['p_holm'], run.alpha)} of {int(wc['p_holm'].notna().sum())} changes are "
            f"significant at the {100 * run.alpha:.0f}% level after Holm's adjustment."
        )
    elif not run.compare_waves:
        sentence = "Change between waves is not reported in this run (compare_waves is off)."
    else:
        sentence = "The responses contain no earlier wave, so change cannot be reported."
    return {"wave_sentence": sentence}


# -- free text ----------------------------------------------------------------------------------
def freetext_values(run: SurveyRun, counts_table: pd.DataFrame) -> dict:
    """How many answered each free-text question, and how many answers redaction changed."""
    cells = run.cells
    return {
        f"n_{q}": cells.text(counts.freetext_answered(q)) if q in set(counts_table["question"]) else "0"
        for q in ("helped", "hindered")
    } | {"n_redacted": cells.text(counts.redacted())}
