"""Survey statistics against hand-computed reference values and statsmodels."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from skillmix.survey import compare, weighting
from skillmix.survey import estimates as E


def two_by_two():
    # profession (a, b) x setting (x, y) with cell counts a-x 1, a-y 2, b-x 3, b-y 4.
    rows = (
        [("doctor", "acute")] * 1
        + [("doctor", "community")] * 2
        + [("nurse", "acute")] * 3
        + [("nurse", "community")] * 4
    )
    return pd.DataFrame(rows, columns=["profession", "setting"])


def test_raking_2x2_converges_exactly_to_known_margins():
    frame = two_by_two()
    margins = {"profession": {"doctor": 0.5, "nurse": 0.5}, "setting": {"acute": 0.6, "community": 0.4}}
    res = weighting.rake(frame, margins, lower=0.0, upper=np.inf)
    w = res.weights
    assert res.converged and res.max_margin_gap < 1e-9
    assert w.sum() == pytest.approx(10)
    assert w[frame.profession == "doctor"].sum() == pytest.approx(5, abs=1e-9)
    assert w[frame.setting == "acute"].sum() == pytest.approx(6, abs=1e-9)
    # Raking keeps the cross-product ratio of the sample table: (1*4)/(2*3) per weight-cell total.
    t = {
        (p, s): w[(frame.profession == p) & (frame.setting == s)].sum()
        for p in ("doctor", "nurse")
        for s in ("acute", "community")
    }
    odds = t[("doctor", "acute")] * t[("nurse", "community")] / (t[("doctor", "community")] * t[("nurse", "acute")])
    assert odds == pytest.approx(4 / 6)
    # Closed form: with x the doctor-acute total, the margins fix the other three cells.
    x = t[("doctor", "acute")]
    assert t[("doctor", "community")] == pytest.approx(5 - x)
    assert t[("nurse", "acute")] == pytest.approx(6 - x)
    assert t[("nurse", "community")] == pytest.approx(x - 1)
    # x (x - 1) / ((5 - x)(6 - x)) = 2/3  ->  3x^2 - 3x = 60 - 22x + 2x^2  ->  x^2 + 19x - 60 = 0
    expected = (-19 + np.sqrt(19**2 + 4 * 60)) / 2
    assert x == pytest.approx(expected, abs=1e-9)


def test_post_stratification_one_margin_weights():
    frame = pd.DataFrame({"profession": ["doctor"] * 2 + ["nurse"] * 8})
    res = weighting.rake(frame, {"profession": {"doctor": 0.5, "nurse": 0.5}}, lower=0.0, upper=np.inf)
    np.testing.assert_allclose(res.weights, [2.5, 2.5] + [0.625] * 8)
    assert weighting.kish_deff(res.weights) == pytest.approx(10 * (2 * 2.5**2 + 8 * 0.625**2) / 100)
    assert weighting.effective_n(res.weights) == pytest.approx(100 / (2 * 2.5**2 + 8 * 0.625**2))


def test_trimming_caps_weights():
    frame = pd.DataFrame({"profession": ["doctor"] * 1 + ["nurse"] * 99})
    res = weighting.rake(frame, {"profession": {"doctor": 0.5, "nurse": 0.5}}, lower=0.2, upper=5.0)
    assert res.weights.max() <= 5.0 * res.weights.mean() + 1e-9
    assert res.n_trimmed >= 1
    assert not res.converged  # the bounds make the margin unreachable, and it says so
    assert res.max_margin_gap > 0.4


def test_weighted_proportion_and_unweighted_se_by_hand():
    y = np.array([1, 0, 1, 1, 0], dtype=float)
    w = np.array([1, 2, 1, 2, 4], dtype=float)
    design = E.Design(w, None)
    p, se, n = E.proportion(y, np.ones(5, bool), design)
    assert p == pytest.approx(4 / 10)
    # Linearised SE written out: x_i = w_i (y_i - p) / sum(w); V = n/(n-1) sum (x_i - xbar)^2.
    x = np.array([1 * 0.6, 2 * -0.4, 1 * 0.6, 2 * 0.6, 4 * -0.4]) / 10
    v = 5 / 4 * ((x - x.mean()) ** 2).sum()
    assert se == pytest.approx(np.sqrt(v))
    assert se == pytest.approx(np.sqrt(5 / 4 * (0.0036 + 0.0064 + 0.0036 + 0.0144 + 0.0256)))
    # Equal weights: V = p(1 - p)/(n - 1).
    p1, se1, _ = E.proportion(y, np.ones(5, bool), E.Design.unweighted(5))
    assert se1 == pytest.approx(np.sqrt(0.6 * 0.4 / 4))


def test_post_stratified_se_by_hand():
    # One raking margin = post-stratification. Residual of z on the stratum indicators is
    # z minus its (unweighted) stratum mean; then V = n/(n-1) sum (w e - mean)^2.
    frame = pd.DataFrame({"profession": ["doctor"] * 2 + ["nurse"] * 3})
    margins = {"profession": {"doctor": 0.5, "nurse": 0.5}}
    res = weighting.rake(frame, margins, lower=0, upper=np.inf)
    w = res.weights  # 1.25, 1.25, 5/6, 5/6, 5/6
    np.testing.assert_allclose(w, [1.25, 1.25, 5 / 6, 5 / 6, 5 / 6])
    y = np.array([1, 0, 1, 1, 0], dtype=float)
    design = E.Design.raked(frame, w, margins)
    p, se, _ = E.proportion(y, np.ones(5, bool), design)
    assert p == pytest.approx(0.5 * 0.5 + 0.5 * 2 / 3)  # stratum means weighted by the margins
    z = (y - p) / 5
    e = z - np.array([z[:2].mean()] * 2 + [z[2:].mean()] * 3)
    x = w * e
    v = 5 / 4 * ((x - x.mean()) ** 2).sum()
    assert se == pytest.approx(np.sqrt(v))
    # Standard post-stratified variance with-replacement form: sum_h W_h^2 s_h^2 / n_h scaled as above
    # equals the same number here because each stratum's residuals sum to zero.
    assert x.sum() == pytest.approx(0, abs=1e-12)


def r_style_backfit(z, w, codes, sweeps=10):
    """What R's svyrecvar does for a raked design: ten sweeps of x - w * ave(x / w, margin)."""
    x = w * z
    for _ in range(sweeps):
        for c in codes:
            x = x - w * pd.Series(x / w).groupby(c).transform("mean").to_numpy()
    return x


def test_calibrated_domain_se_matches_r_style_backfitting_and_fast_path():
    rng = np.random.default_rng(1)
    n = 300
    frame = pd.DataFrame(
        {
            "profession": rng.choice(["doctor", "nurse", "ahp"], n, p=[0.2, 0.5, 0.3]),
            "setting": rng.choice(["acute", "community"], n, p=[0.7, 0.3]),
        }
    )
    margins = {"profession": {"doctor": 0.3, "nurse": 0.4, "ahp": 0.3}, "setting": {"acute": 0.5, "community": 0.5}}
    w = weighting.rake(frame, margins, lower=0, upper=np.inf).weights
    design = E.Design.raked(frame, w, margins)
    y = (rng.random(n) < 0.4).astype(float)
    answered = rng.random(n) < 0.8
    groups = pd.Categorical(frame["profession"], categories=["doctor", "nurse", "ahp"]).codes.astype(np.int64)
    fast = E.domain_estimates(y, answered, groups, 3, design)
    codes = [pd.Categorical(frame[v], categories=list(margins[v])).codes for v in margins]
    for g in range(3):
        dom = answered & (groups == g)
        p, se, k = E.proportion(y, dom, design)
        _, z = E.domain_influence(y, dom, design)
        x = r_style_backfit(z, w, codes, sweeps=50)
        se_r = np.sqrt(n / (n - 1) * ((x - x.mean()) ** 2).sum())
        assert se == pytest.approx(se_r, rel=1e-8)
        assert fast["p"].iloc[g] == pytest.approx(p)
        assert fast["se"].iloc[g] == pytest.approx(se, rel=1e-9)
        assert fast["n"].iloc[g] == k


def test_wilson_matches_statsmodels():
    for count, n in [(7, 20), (0, 15), (15, 15), (480, 1000)]:
        low, high = E.wilson_interval(count / n, n, 0.95)
        ref = proportion_confint(count, n, alpha=0.05, method="wilson")
        assert (float(low), float(high)) == pytest.approx(ref, abs=1e-12)
    low, high = E.wilson_interval(0.3, 50, 0.9)
    assert (float(low), float(high)) == pytest.approx(proportion_confint(15, 50, alpha=0.1, method="wilson"))


def test_logit_interval_known_numbers():
    # p = 0.3, SE = 0.05, df = 99: expit(logit(0.3) -/+ t_{0.975, 99} * 0.05 / 0.21)
    low, high = E.logit_interval(0.3, 0.05, 99, 0.95)
    t = stats.t.ppf(0.975, 99)
    eta = np.log(0.3 / 0.7)
    assert float(low) == pytest.approx(1 / (1 + np.exp(-(eta - t * 0.05 / 0.21))))
    assert float(high) == pytest.approx(1 / (1 + np.exp(-(eta + t * 0.05 / 0.21))))
    assert float(low) == pytest.approx(0.2109, abs=1e-4) and float(high) == pytest.approx(0.4074, abs=1e-4)
    # Edge: p = 0 falls back to Wilson with n.
    low0, high0 = E.proportion_interval(0.0, 0.0, 12, 0.95)
    assert (float(low0), float(high0)) == pytest.approx(proportion_confint(0, 12, method="wilson"))


def test_paired_difference_uses_covariance():
    # Same respondents answer both: identical answers give a zero-variance difference.
    y = np.array([1, 0, 1, 1, 0, 1], dtype=float)
    design = E.Design.unweighted(6)
    d = np.ones(6, bool)
    _, za = E.domain_influence(y, d, design)
    _, zb = E.domain_influence(y, d, design)
    assert E.influence_variance(za - zb, design) == pytest.approx(0.0)
    # Independent-looking answers: variance = Va + Vb - 2 Cov, written out.
    yb = np.array([0, 0, 1, 0, 1, 1], dtype=float)
    _, zb = E.domain_influence(yb, d, design)
    va, vb = E.influence_variance(za, design), E.influence_variance(zb, design)
    cov = 6 / 5 * ((za - za.mean()) * (zb - zb.mean())).sum()
    assert E.influence_variance(za - zb, design) == pytest.approx(va + vb - 2 * cov)


def test_holm_and_bh_against_hand_computed_values():
    # Sorted p: 0.005, 0.01, 0.03, 0.04 (m = 4).
    # Holm: 4*0.005=0.02, 3*0.01=0.03, 2*0.03=0.06, max(0.06, 1*0.04)=0.06.
    # BH: 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04 (then running minimum from the top).
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    np.testing.assert_allclose(compare.holm(p)[:4], [0.03, 0.06, 0.06, 0.02])
    np.testing.assert_allclose(compare.benjamini_hochberg(p)[:4], [0.02, 0.04, 0.04, 0.02])
    assert np.isnan(compare.holm(p)[-1]) and np.isnan(compare.benjamini_hochberg(p)[-1])


def test_adjustments_and_quantiles_equal_statsmodels_and_scipy_stats_bit_for_bit():
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(7)
    for size in (1, 2, 7, 60):
        p = np.round(rng.uniform(0, 0.6, size), 3)  # rounded: ties, and products above 1
        np.testing.assert_array_equal(compare.holm(p), multipletests(p, method="holm")[1])
        np.testing.assert_array_equal(compare.benjamini_hochberg(p), multipletests(p, method="fdr_bh")[1])
    p, n = np.array([0.0, 0.2, 0.5, 1.0, 0.3]), np.array([1, 2, 10, 30, 0])
    se = np.array([0.0, 0.1, 0.05, 0.0, np.nan])
    for confidence in (0.9, 0.95, 0.99):
        zq, tq = stats.norm.ppf(0.5 + confidence / 2), stats.t.ppf(0.5 + confidence / 2, n - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            centre, half = (p + zq**2 / (2 * n)) / (1 + zq**2 / n), zq * np.sqrt(p * (1 - p) / n + zq**2 / (4 * n**2))
            eta, logit_half = np.log(p / (1 - p)), tq * se / (p * (1 - p))
            wilson = (centre - half / (1 + zq**2 / n), centre + half / (1 + zq**2 / n))
            logit = (1 / (1 + np.exp(-(eta - logit_half))), 1 / (1 + np.exp(-(eta + logit_half))))
        np.testing.assert_array_equal(E.wilson_interval(p, n, confidence), wilson)
        np.testing.assert_array_equal(E.logit_interval(p, se, n - 1, confidence), logit)
        diff = np.array([0.1, -0.2, 0.0, 0.3, 0.05])
        _, _, pval = compare._wald(diff, se, confidence)
        with np.errstate(invalid="ignore", divide="ignore"):
            expected = np.where(se > 0, 2 * stats.norm.sf(np.abs(diff / se)), np.nan)
        np.testing.assert_array_equal(pval, expected)
