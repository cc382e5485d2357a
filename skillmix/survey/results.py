"""The chapter's results, one function per section, every table through disclosure control.

Each function takes a `SurveyRun` and returns a table of estimates (or counts) with a
`suppressed` column. Its counts come from the run's one ledger of respondent counts
(`run.cells`, see `counts` and `disclosure`): a suppressed count is empty in every table that
has it, and a row whose base count is suppressed shows no estimate. Multiple-comparison
adjustments are made over the rows that are shown. Results for one wave use that wave's
headline design (weighted when weighting is on).
"""

from __future__ import annotations

import pandas as pd

from ..core import survey_outputs
from . import compare, counts, estimates, freetext
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


def _item_counts(table: pd.DataFrame) -> dict:
    """The count columns of an `item_table` result and their cells."""
    if "group" in table:
        return {
            "n": lambda r: counts.group_answered(r.item, r.role, r.by, r.group),
            "n_dont_know": lambda r: counts.group_dont_know(r.item, r.role, r.by, r.group),
        }
    return {
        "n": lambda r: counts.answered(r.item, r.role, r.wave),
        "n_dont_know": lambda r: counts.dont_know(r.item, r.role, r.wave),
    }


def _protect_items(run: SurveyRun, table: pd.DataFrame) -> pd.DataFrame:
    return run.cells.table(table, _item_counts(table), base=("n",), estimates=ESTIMATE_VALUES)


def item_details(run: SurveyRun) -> pd.DataFrame:
    """Every item x role x reported wave x weighting option, with SE and don't-know counts."""
    table = pd.concat(
        [_item_table(run, w, weighted) for w in run.report_waves for weighted in run.weight_options()],
        ignore_index=True,
    )
    return _protect_items(run, table)


def item_estimates(run: SurveyRun, details: pd.DataFrame) -> pd.DataFrame:
    """The fixed-interface table outputs/survey/item_estimates.csv, from `item_details`."""
    return details.assign(synthetic=run.synthetic)[INTERFACE_COLUMNS]


def headline(run: SurveyRun, details: pd.DataFrame, wave: str = "current") -> pd.DataFrame:
    """The rows of `details` the chapter reports for `wave`: weighted when weighting is on."""
    return details[(details["wave"] == wave) & (details["weighted"] == run.weighting_on)]


def likert(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """The distribution of answers 1-5 (and % don't know) per item and role. The percentage
    answering don't know is built from the don't-know and the substantive counts, so it is
    shown only when both are."""
    dist = estimates.likert_distribution(run.waves[wave], run.design(wave), run.book, wave=wave, roles=run.roles)
    n_dk = [run.cells.counts[counts.dont_know(i, r, wave)] for i, r in zip(dist["item"], dist["role"])]
    table = run.cells.table(
        dist.assign(n_dont_know=n_dk),
        _item_counts(dist),
        base=("n",),
        estimates=(*run.book.scale.values(), "pct_dont_know"),
        built_from={"pct_dont_know": ("n", "n_dont_know")},
    )
    return table.drop(columns="n_dont_know")


def _adjust_shown(table: pd.DataFrame, column: str, adjust) -> pd.DataFrame:
    """Adjust the p-values of the rows shown again, the suppressed rows left out of the family."""
    table["p_value"] = table["p_value"].where(~table["suppressed"])
    table[column] = adjust(table["p_value"])
    return table


def role_contrast(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """ACP minus PA % agreeing per item (empty when the run reports one role only). The count
    answering about both roles is a count of its own, shown only when it and the counts
    answering about one role only are safe."""
    if len(run.roles) < 2:
        return pd.DataFrame(columns=ROLE_CONTRAST_COLUMNS)
    table = compare.role_contrast(run.waves[wave], run.design(wave), run.book, wave=wave, confidence=run.confidence)
    table = run.cells.table(
        table,
        {
            "n_acp": lambda r: counts.answered(r.item, "acp", r.wave),
            "n_pa": lambda r: counts.answered(r.item, "pa", r.wave),
            "n_both": lambda r: counts.both_answered(r.item),
        },
        base=("n_acp", "n_pa"),
        estimates=ROLE_CONTRAST_VALUES,
    )
    return _adjust_shown(table, "p_holm", compare.holm)


def by_group(run: SurveyRun, by: str, wave: str = "current") -> pd.DataFrame:
    """% agreeing per item and role in each category of the profile question `by`."""
    return _protect_items(run, _item_table(run, wave, by=by))


def group_contrasts(run: SurveyRun, by: str, wave: str = "current") -> pd.DataFrame:
    """Each category of `by` against all other respondents, with Benjamini-Hochberg q-values
    over the comparisons shown."""
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
    table = run.cells.table(
        table,
        {
            "n_group": lambda r: counts.group_answered(r.item, r.role, r.by, r.group),
            "n_rest": lambda r: counts.rest_answered(r.item, r.role, r.by, r.group),
        },
        estimates=GROUP_CONTRAST_VALUES,
    )
    return _adjust_shown(table, "p_bh", compare.benjamini_hochberg)


def wave_change(run: SurveyRun) -> pd.DataFrame:
    """Current minus earlier % agreeing on the items asked in both waves (empty when waves are
    not compared or there is no earlier wave)."""
    if not run.compare_waves or "earlier" not in run.waves:
        return pd.DataFrame(columns=WAVE_CHANGE_COLUMNS)
    table = compare.wave_change(_item_table(run, "current"), _item_table(run, "earlier"), confidence=run.confidence)
    table = run.cells.table(
        table,
        {
            "n_current": lambda r: counts.answered(r.item, r.role, "current"),
            "n_earlier": lambda r: counts.answered(r.item, r.role, "earlier"),
        },
        estimates=WAVE_CHANGE_VALUES,
    )
    return _adjust_shown(table, "p_holm", compare.holm)[WAVE_CHANGE_COLUMNS]


def freetext_counts(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """Respondents mentioning each theme, per free-text question (themes overlap: an answer can
    mention several); the percentage of answers is shown only when both its counts are."""
    table = freetext.theme_counts(run.waves[wave], run.book.freetext, freetext.load_dictionary())
    return run.cells.table(
        table,
        {
            "n": lambda r: counts.theme(r.question, r.theme),
            "n_answered": lambda r: counts.freetext_answered(r.question),
        },
        base=("n",),
        built_from={"pct_of_answers": ("n", "n_answered")},
    )


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
            & (counts["n"].fillna(0) >= run.min_cell)
        ]
        themes = ok.sort_values(["n", "theme"], ascending=[False, True])["theme"].head(top).tolist()
        parts.append(freetext.example_quotes(run.waves[wave], [q], dictionary, themes))
    return pd.concat(parts, ignore_index=True)


def redactions(run: SurveyRun, wave: str = "current") -> pd.DataFrame:
    """Answers that redaction changed, after redaction (a few examples)."""
    return freetext.redaction_examples(run.waves[wave], run.book.freetext)
