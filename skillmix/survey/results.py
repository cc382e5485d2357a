"""The chapter's results, one function per section, every table through disclosure control.

Each function takes a `SurveyRun` and returns a table of estimates (or counts) with a
`suppressed` column: rows built from fewer than `min_cell` respondents show no value.
Results for one wave use that wave's headline design (weighted when weighting is on).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import survey_outputs
from . import compare, disclosure, estimates, freetext
from .run import SurveyRun

# The columns of outputs/survey/item_estimates.csv, which the lessons chapter reads.
INTERFACE_COLUMNS = list(survey_outputs.COLUMNS)
ESTIMATE_VALUES = ("pct_agree", "se", "ci_low", "ci_high")
# The values of a table of differences that disclosure control blanks: the two estimates and
# their difference, then these, then the adjusted p-value.
DIFFERENCE_VALUES = ("se", "ci_low", "ci_high", "p_value")
ROLE_CONTRAST_VALUES = ("pct_acp", "pct_pa", "diff", *DIFFERENCE_VALUES, "p_holm")
ROLE_CONTRAST_COLUMNS = [
    *("item", "theme", "wave", "weighted", "n_acp", "n_pa", "n_both"),
    *ROLE_CONTRAST_VALUES,
    "suppressed",
]
WAVE_CHANGE_VALUES = ("pct_current", "pct_earlier", "change", *DIFFERENCE_VALUES, "p_holm")
WAVE_CHANGE_COLUMNS = [
    *("item", "theme", "role", "weighted", "n_current", "n_earlier"),
    *WAVE_CHANGE_VALUES,
    "suppressed",
]
GROUP_CONTRAST_VALUES = ("pct_group", "pct_rest", "diff", *DIFFERENCE_VALUES, "p_bh")


def _item_table(run: SurveyRun, wave: str, weighted: bool | None = None, by: str | None = None) -> pd.DataFrame:
    return estimates.item_table(
        run.waves[wave],
        run.design(wave, weighted),
        run.book,
        wave=wave,
        roles=run.roles,
        by=by,
        confidence=run.confidence,
    )


def item_details(run: SurveyRun) -> pd.DataFrame:
    """Every item x role x reported wave x weighting option, with SE and don't-know counts."""
    table = pd.concat(
        [_item_table(run, w, weighted) for w in run.report_waves for weighted in run.weight_options()],
        ignore_index=True,
    )
    return disclosure.protect(table, run.min_cell, ("n",), ESTIMATE_VALUES)


def item_estimates(run: SurveyRun, details: pd.DataFrame) -> pd.DataFrame:
    """The fixed-interface table outputs/survey/item_estimates.csv, from `item_details`."""
    return details.assign(synthetic=run.synthetic)[INTERFACE_COLUMNS]


def headline(run: SurveyRun, details: pd.DataFrame, wave: str = "current") -> pd.DataFrame:
    """The rows of `details` the chapter reports for `wave`: weighted when weighting is on."""
    return details[(details["wave"] == wave) & (details["weighted"] == run.weighting_on)]


def likert(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """The distribution of answers 1-5 (and % don't know) per item and role."""
    dist = estimates.likert_distribution(run.waves[wave], run.design(wave), run.book, wave=wave, roles=run.roles)
    return disclosure.protect(dist, run.min_cell, ("n",), (*run.book.scale.values(), "pct_dont_know"))


def _holm_unsuppressed(table: pd.DataFrame, n_cols, min_cell: int) -> pd.DataFrame:
    """Holm-adjust again with the tests of suppressed rows left out of the family."""
    small = table[list(n_cols)].min(axis=1) < min_cell
    table.loc[small, "p_value"] = np.nan
    table["p_holm"] = compare.holm(table["p_value"])
    return table


def role_contrast(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """ACP minus PA % agreeing per item (empty when the run reports one role only)."""
    if len(run.roles) < 2:
        return pd.DataFrame(columns=ROLE_CONTRAST_COLUMNS)
    table = compare.role_contrast(run.waves[wave], run.design(wave), run.book, wave=wave, confidence=run.confidence)
    table = _holm_unsuppressed(table, ("n_acp", "n_pa"), run.min_cell)
    return disclosure.protect(table, run.min_cell, ("n_acp", "n_pa"), ROLE_CONTRAST_VALUES)


def by_group(run: SurveyRun, by: str, wave: str = "current") -> pd.DataFrame:
    """% agreeing per item and role in each category of the profile question `by`."""
    return disclosure.protect(_item_table(run, wave, by=by), run.min_cell, ("n",), ESTIMATE_VALUES)


def group_contrasts(run: SurveyRun, by: str, wave: str = "current") -> pd.DataFrame:
    """Each category of `by` against all other respondents, with Benjamini-Hochberg q-values."""
    table = compare.group_contrasts(
        run.waves[wave],
        run.design(wave),
        run.book,
        wave=wave,
        by=by,
        roles=run.roles,
        confidence=run.confidence,
        min_cell=run.min_cell,
    )
    return disclosure.protect(table, run.min_cell, ("n_group", "n_rest"), GROUP_CONTRAST_VALUES)


def wave_change(run: SurveyRun) -> pd.DataFrame:
    """Current minus earlier % agreeing on the items asked in both waves (empty when waves are
    not compared or there is no earlier wave)."""
    if not run.compare_waves or "earlier" not in run.waves:
        return pd.DataFrame(columns=WAVE_CHANGE_COLUMNS)
    table = compare.wave_change(_item_table(run, "current"), _item_table(run, "earlier"), confidence=run.confidence)
    table = _holm_unsuppressed(table, ("n_current", "n_earlier"), run.min_cell)
    protected = disclosure.protect(table, run.min_cell, ("n_current", "n_earlier"), WAVE_CHANGE_VALUES)
    return protected[WAVE_CHANGE_COLUMNS]


def freetext_counts(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """Respondents mentioning each theme, per free-text question."""
    table = freetext.theme_counts(run.waves[wave], run.book.freetext, freetext.load_dictionary())
    return disclosure.protect_counts(table, run.min_cell, "n", ("question",), ("pct_of_answers",))


def quotes(run: SurveyRun, counts: pd.DataFrame, wave: str = "current", top: int = 3) -> pd.DataFrame:
    """Redacted example answers for the most mentioned themes of each question (only themes
    mentioned by at least min_cell respondents); no profile information is attached."""
    dictionary = freetext.load_dictionary()
    parts = []
    for q in run.book.freetext:
        ok = counts[
            (counts["question"] == q)
            & ~counts["suppressed"]
            & (counts["theme"] != freetext.UNCODED)
            & (counts["n"] >= run.min_cell)
        ]
        themes = ok.sort_values(["n", "theme"], ascending=[False, True])["theme"].head(top).tolist()
        parts.append(freetext.example_quotes(run.waves[wave], [q], dictionary, themes))
    return pd.concat(parts, ignore_index=True)


def redactions(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """Answers that redaction changed or that contain markup, after redaction (a few examples)."""
    return freetext.redaction_examples(run.waves[wave], run.book.freetext)
