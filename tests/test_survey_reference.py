"""The survey estimator against stored reference values from R's `survey` package.

tests/fixtures/survey/r_survey_reference.csv was produced by
tests/reference/r_survey_reference.R with R 4.2.2 and survey 4.1-1 (see the README next
to it): the current wave of tests/fixtures/survey/r_reference_responses.csv (the exact file
R was run on: the synthetic responses as they were generated then, kept frozen here so that
the comparison stays valid when the book's synthetic file is regenerated), svydesign(ids = ~1,
weights = ~1), rake() to the profession and setting margins (no trimming), and for every
item x role the proportion agreeing among substantive answers in a subset() domain, with
svymean's SE and svyciprop(method = "logit")'s 95% interval, raked and unweighted.

The first tests need no R. The last re-runs the R script when Rscript and the survey
package are available, and is skipped otherwise (R is not installed by `make test`).
"""

import hashlib
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from skillmix.survey import codebook as cb
from skillmix.survey import estimates as E
from skillmix.survey import loaders, weighting

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "fixtures" / "survey" / "r_survey_reference.csv"
R_SCRIPT = ROOT / "tests" / "reference" / "r_survey_reference.R"
# The responses R was run on (frozen; not the book's current synthetic file) and their sha256.
RESPONSES = ROOT / "tests" / "fixtures" / "survey" / "r_reference_responses.csv"
RESPONSES_SHA256 = "8670b5b33d28e7cb0f1174e2f005aaf1e9fa7b32fa9d47f4f2a16049dcbeb356"
MARGINS = ROOT / "data" / "survey" / "population_margins.csv"
KEY = ["item", "role", "weighted"]

# Tolerances (observed differences on 2026-11-25 in the README next to the CSV):
# p: absolute 1e-8 (both rakings converge to ~1e-12);
# SE: relative 1e-6 (R's svyrecvar does 10 backfitting sweeps on the raking margins,
#     skillmix projects exactly; here the two agree to ~4e-12);
# interval bounds: absolute 1e-8. svyciprop centres its interval on the logit from
#     svyglm, whose IRLS stops at glm's default epsilon = 1e-8 on the deviance, ~1e-9 away
#     from svymean's p; skillmix uses svymean's p (the same interval as svyciprop with the
#     glm iterated to convergence, which agrees with skillmix to ~1e-15).
# These still tell the conventions apart: t on n_domain or n_domain - 2 df instead of
# n_domain - 1 moves the bounds by ~5e-8; n/(n-1) over the domain instead of the whole wave
# moves the SE by ~1e-4 relative; a normal quantile moves the bounds by ~4e-5.
P_ABS, SE_REL, CI_ABS = 1e-8, 1e-6, 1e-8


def read_reference(path=REFERENCE) -> pd.DataFrame:
    ref = pd.read_csv(path, comment="#", dtype={"item": str, "role": str})
    ref["weighted"] = ref["weighted"].astype(str).str.lower().map({"true": True, "false": False})
    assert ref["weighted"].notna().all()
    return ref


@pytest.fixture(scope="module")
def current_wave():
    book = cb.load()
    frame = loaders.load_responses(RESPONSES, book=book).frame
    wave = frame[frame["wave"] == "current"].reset_index(drop=True)
    margins = weighting.read_margins(MARGINS, book)
    return book, wave, margins


@pytest.fixture(scope="module")
def skillmix_estimates(current_wave):
    """p, SE, n and logit interval for every item x role, raked without trimming and unweighted."""
    book, wave, margins = current_wave
    res = weighting.rake(wave, margins, lower=0.0, upper=np.inf)  # trimming off
    assert res.converged and res.n_trimmed == 0 and res.max_margin_gap < 1e-9
    designs = {True: E.Design.raked(wave, res.weights, margins), False: E.Design.unweighted(len(wave))}
    rows = []
    for weighted, design in designs.items():
        for item in book.items_in_wave("current"):
            for role in cb.ROLES:
                y, answered, _ = E.item_arrays(wave, item.column(role), book)
                p, se, n = E.proportion(y, answered, design)  # direct formula
                fast = E.domain_estimates(y, answered, np.zeros(len(wave), np.int64), 1, design)
                low, high = E.proportion_interval(fast["p"], fast["se"], fast["n"], 0.95)
                rows.append(
                    {
                        "item": item.id,
                        "role": role,
                        "weighted": weighted,
                        "n": n,
                        "p": p,
                        "se": se,
                        "fast_p": fast["p"].iloc[0],
                        "fast_se": fast["se"].iloc[0],
                        "fast_n": int(fast["n"].iloc[0]),
                        "ci_low": float(low[0]),
                        "ci_high": float(high[0]),
                    }
                )
    return pd.DataFrame(rows), designs


def test_responses_are_the_file_r_was_run_on():
    """The stored R values hold for these bytes only: a regenerated copy would not match."""
    assert hashlib.sha256(RESPONSES.read_bytes()).hexdigest() == RESPONSES_SHA256
    assert loaders.load_responses(RESPONSES).synthetic  # generator ids: synthetic, never real


def test_reference_file_covers_every_item_and_role(current_wave):
    book, _, _ = current_wave
    ref = read_reference()
    expected = {(i.id, r, w) for i in book.items_in_wave("current") for r in cb.ROLES for w in (True, False)}
    assert set(map(tuple, ref[KEY].to_numpy())) == expected
    assert len(ref) == len(expected)
    assert ((ref["p"] > 0) & (ref["p"] < 1)).all()  # the logit interval exists everywhere
    first = REFERENCE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# R version") and "survey 4.1.1" in first


def test_skillmix_matches_r_survey(skillmix_estimates):
    ref = read_reference()
    both = ref.merge(skillmix_estimates[0], on=KEY, suffixes=("_r", ""), validate="one_to_one")
    assert len(both) == len(ref)
    assert (both["n_r"] == both["n"]).all() and (both["fast_n"] == both["n"]).all()
    # The fast path used by the chapter equals the direct formula.
    np.testing.assert_allclose(both["fast_p"], both["p"], rtol=0, atol=1e-14)
    np.testing.assert_allclose(both["fast_se"], both["se"], rtol=1e-9)
    # Against R.
    np.testing.assert_allclose(both["p"], both["p_r"], rtol=0, atol=P_ABS)
    np.testing.assert_allclose(both["se"], both["se_r"], rtol=SE_REL, atol=0)
    np.testing.assert_allclose(both["ci_low"], both["ci_low_r"], rtol=0, atol=CI_ABS)
    np.testing.assert_allclose(both["ci_high"], both["ci_high_r"], rtol=0, atol=CI_ABS)


def test_chapter_item_table_gives_the_same_numbers(current_wave, skillmix_estimates):
    """E.item_table (what the chapter tabulates, in percent) equals the values compared with R."""
    book, wave, _ = current_wave
    ours, designs = skillmix_estimates
    for weighted, design in designs.items():
        table = E.item_table(wave, design, book, wave="current")
        both = ours[ours["weighted"] == weighted].merge(
            table, on=["item", "role"], suffixes=("", "_table"), validate="one_to_one"
        )
        assert len(both) == len(table) == 2 * len(book.items_in_wave("current"))
        assert (both["n"] == both["n_table"]).all()
        for ours_col, table_col in (
            ("p", "pct_agree"),
            ("se", "se_table"),
            ("ci_low", "ci_low_table"),
            ("ci_high", "ci_high_table"),
        ):
            np.testing.assert_allclose(both[table_col] / 100, both[ours_col], rtol=1e-12, atol=1e-15)


def test_chapter_default_trimming_caps_nothing_in_the_current_wave(current_wave):
    """So the reference (raked without trimming) is also a check of the weights the chapter's
    default trimming would give on these responses."""
    _, wave, margins = current_wave
    trimmed = weighting.rake(wave, margins)  # chapter defaults 0.2 and 5
    untrimmed = weighting.rake(wave, margins, lower=0.0, upper=np.inf)
    assert trimmed.n_trimmed == 0
    np.testing.assert_allclose(trimmed.weights, untrimmed.weights, rtol=1e-12)


def _r_with_survey() -> str | None:
    """Why the R re-run cannot happen here, or None when it can."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        return "Rscript not found on PATH (R is optional: the stored reference is checked without it)"
    try:
        probe = subprocess.run(
            [rscript, "-e", "suppressPackageStartupMessages(library(survey))"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "loading R's survey package timed out"
    if probe.returncode != 0:
        return f"R's survey package does not load: {probe.stderr.strip()[-300:]}"
    return None


def test_r_script_reproduces_stored_reference(tmp_path):
    reason = _r_with_survey()
    if reason:
        pytest.skip(reason)
    out = tmp_path / "r_survey_reference.csv"
    run = subprocess.run(
        [shutil.which("Rscript"), str(R_SCRIPT), str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    stored_version = REFERENCE.read_text(encoding="utf-8").splitlines()[0]
    new_version = out.read_text(encoding="utf-8").splitlines()[0]
    stored, new = read_reference(REFERENCE), read_reference(out)
    assert list(new.columns) == list(stored.columns)
    assert new[KEY + ["n"]].equals(stored[KEY + ["n"]]), (stored_version, new_version)
    for col in ("p", "se", "ci_low", "ci_high"):
        np.testing.assert_allclose(
            new[col],
            stored[col],
            rtol=1e-12,
            atol=1e-15,
            err_msg=f"{col}: stored {stored_version!r}, now {new_version!r}",
        )
