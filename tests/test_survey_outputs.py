"""Disclosure control on every output table, free-text redaction and escaping, and the
chapter's computations under non-default parameters."""
import numpy as np
import pandas as pd
import pytest

from skillmix import params
from skillmix.survey import disclosure, freetext, synthetic
from skillmix.survey.analysis import INTERFACE_COLUMNS, Survey


@pytest.fixture(scope="module")
def survey_small(tmp_path_factory):
    # Small enough that many cells fall below min_cell.
    path = tmp_path_factory.mktemp("s") / "small.csv"
    synthetic.generate(seed=3, n_current=200, n_earlier=200).to_csv(path, index=False)
    P = params.check("survey", responses=str(path), min_cell=25)
    return Survey.from_parameters(P)


def test_suppress_and_assert_safe():
    t = pd.DataFrame({"n": [5, 10, 30], "pct": [50.0, 20.0, 10.0]})
    out = disclosure.suppress(t, 10, ("n",), ("pct",))
    assert out["suppressed"].tolist() == [True, False, False]
    assert np.isnan(out.loc[0, "pct"]) and out.loc[1, "pct"] == 20
    disclosure.assert_safe(out, 10, ("n",), ("pct",))
    with pytest.raises(AssertionError):
        disclosure.assert_safe(t.assign(suppressed=False), 10, ("n",), ("pct",))


def test_complementary_suppression():
    t = pd.DataFrame({"g": ["a"] * 4, "n": [3, 40, 12, 0]})
    out = disclosure.suppress_counts(t, 10, "n", ("g",))
    assert out["suppressed"].tolist() == [True, False, True, False]   # 12 hidden too; 0 shown
    disclosure.assert_counts_safe(out, 10, "n")
    with pytest.raises(AssertionError):
        disclosure.assert_counts_safe(t, 10, "n")


def test_every_output_table_respects_min_cell(survey_small):
    S, m = survey_small, survey_small.min_cell
    prof = S.profile()
    disclosure.assert_counts_safe(prof, m, "n", ("pct",))
    assert prof["suppressed"].any()
    details = S.item_details()
    disclosure.assert_safe(details, m, ("n",), ("pct_agree", "se", "ci_low", "ci_high"))
    est = S.item_estimates(details)
    assert list(est.columns) == INTERFACE_COLUMNS
    assert est.loc[est["suppressed"], ["pct_agree", "ci_low", "ci_high"]].isna().all().all()
    assert (est.loc[~est["suppressed"], "n"] >= m).all()
    disclosure.assert_safe(S.likert(), m, ("n",), ("agree", "strongly agree", "pct_dont_know"))
    disclosure.assert_safe(S.margin_comparison(), m, ("n",), ("sample_pct", "weighted_pct"))
    rc = S.role_contrast()
    disclosure.assert_safe(rc, m, ("n_acp", "n_pa"), ("diff", "ci_low", "ci_high", "p_holm"))
    for by in ("profession", "setting"):
        g = S.by_group(by)
        assert g["suppressed"].any()
        disclosure.assert_safe(g, m, ("n",), ("pct_agree", "ci_low", "ci_high"))
        c = S.group_contrasts(by)
        disclosure.assert_safe(c, m, ("n_group", "n_rest"), ("diff", "ci_low", "ci_high", "p_bh"))
    disclosure.assert_safe(S.wave_change(), m, ("n_current", "n_earlier"), ("change", "ci_low", "ci_high"))
    counts = S.freetext_counts()
    disclosure.assert_counts_safe(counts, m, "n", ("pct_of_answers",))
    quotes = S.quotes(counts)
    ok = set(counts.loc[~counts["suppressed"] & (counts["n"] >= m), "theme"])
    assert set(quotes["theme"]) <= ok


def test_redaction():
    text = ("Ask Dr Priya Patel or our manager Sarah Jones, e-mail jane.doe@example.org, "
            "phone 07700 900461 or +44 1632 960123. General Practice is fine.")
    red = freetext.redact(text)
    for gone in ("Priya", "Patel", "Sarah", "Jones", "jane.doe", "900461", "960123"):
        assert gone not in red
    assert red.count("[name]") == 2 and "[email]" in red and red.count("[phone]") == 2
    assert "General Practice" in red


def test_quotes_escaped_in_html():
    quotes = pd.DataFrame({"quote": [freetext.redact("Bad <script>alert(1)</script> & co")]})
    html = quotes.to_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "<script>" not in quotes._repr_html_()
    assert freetext.escape_html("<script>") == "&lt;script&gt;"


def test_freetext_coding():
    d = freetext.load_dictionary()
    coded = freetext.code_answers(pd.Series(["No supervision time.", "Lovely weather", None]), d)
    assert coded.loc[0, "supervision"] and coded.loc[1, "uncoded"] and not coded.loc[2].any()


@pytest.mark.parametrize("kw", [{"focus_role": "pa"}, {"weighting": "off"}, {"compare_waves": False},
                                {"focus_role": "acp", "weighting": "off", "confidence": 0.9}])
def test_chapter_computations_follow_parameters(kw):
    S = Survey.from_parameters(params.check("survey", **kw))
    est = S.item_estimates()
    roles = ["acp", "pa"] if kw.get("focus_role", "both") == "both" else [kw["focus_role"]]
    assert sorted(est["role"].unique()) == sorted(roles)
    assert set(est["weighted"]) == ({True, False} if kw.get("weighting", "on") == "on" else {False})
    assert set(est["wave"]) == ({"current", "earlier"} if kw.get("compare_waves", True) else {"current"})
    assert est["synthetic"].all()
    if len(roles) == 1:
        assert S.role_contrast().empty
    if not kw.get("compare_waves", True):
        assert S.wave_change().empty
