"""Disclosure control on every output table, free-text redaction and escaping, and the
chapter's computations under non-default parameters."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from skillmix.core import chapter_spec as params
from skillmix.core.artifacts import Figure, Table
from skillmix.survey import disclosure, freetext, plots, results, synthetic, wording
from skillmix.survey.chapter import SurveyChapter
from skillmix.survey.results import INTERFACE_COLUMNS
from skillmix.survey.run import SurveyRun


@pytest.fixture(scope="module")
def survey_small(tmp_path_factory):
    # Small enough that many cells fall below min_cell.
    path = tmp_path_factory.mktemp("s") / "small.csv"
    synthetic.generate(seed=3, n_current=200, n_earlier=200).to_csv(path, index=False)
    P = params.check("survey", responses=str(path), min_cell=25)
    return SurveyChapter(P)


# With every theme of a question suppressed, theme_bars' "suppressed" labels fall outside its
# axes and tight_layout warns (an existing layout problem of small samples, reported).
small_sample_layout = pytest.mark.filterwarnings("ignore:Tight layout not applied")


def figure_data(figure: Figure):
    """The data behind a figure the chapter publishes (the drawing is closed)."""
    assert isinstance(figure, Figure)
    plt.close(figure.figure)
    return figure.data


@small_sample_layout
def test_every_output_table_respects_min_cell(survey_small):
    chapter, m = survey_small, survey_small.run.min_cell
    prof = chapter.response_profile().data
    disclosure.check(prof, m, ("n",), ("pct",))
    assert prof["suppressed"].any() and prof.loc[prof["suppressed"], "n"].isna().all()
    details = chapter.estimates_table().data
    disclosure.check(details, m, ("n", "n_dont_know"), ("pct_agree", "se", "ci_low", "ci_high"))
    est = chapter.item_estimates().frame
    assert list(est.columns) == INTERFACE_COLUMNS
    assert est.loc[est["suppressed"], ["n", "pct_agree", "ci_low", "ci_high"]].isna().all().all()
    assert (est.loc[~est["suppressed"], "n"] >= m).all()
    likert = figure_data(chapter.likert_figure())
    disclosure.check(likert, m, ("n",), ("agree", "strongly agree", "pct_dont_know"))
    margins = chapter.weighting_margins().data
    disclosure.check(margins, m, ("n",), ("sample_pct", "weighted_pct"))
    shown = prof.dropna(subset=["n"]).set_index(["variable", "category", "wave"])["n"]
    for r in margins.itertuples():  # the same cell is suppressed in both tables, or in neither
        assert pd.isna(r.n) == pd.isna(shown.get((r.variable, r.category, r.wave)))
    rc = figure_data(chapter.role_figure())
    disclosure.check(rc, m, ("n_acp", "n_pa", "n_both"), ("diff", "ci_low", "ci_high", "p_holm"))
    for by in ("profession", "setting"):
        g = figure_data(chapter.group_figure(by))
        assert g["suppressed"].any()
        disclosure.check(g, m, ("n", "n_dont_know"), ("pct_agree", "se", "ci_low", "ci_high"))
        c = chapter.group_tests(by).frame
        disclosure.check(c, m, ("n_group", "n_rest"), ("diff", "ci_low", "ci_high", "p_value", "p_bh"))
        assert c.loc[c["suppressed"], ["n_group", "n_rest"]].isna().any(axis=1).all()
        # a group suppressed in the estimates is suppressed in the tests against the rest
        assert (
            g.set_index(["item", "role", "group"])["suppressed"] == c.set_index(["item", "role", "group"])["suppressed"]
        ).all()
    disclosure.check(figure_data(chapter.wave_figure()), m, ("n_current", "n_earlier"), ("change", "ci_low", "ci_high"))
    counts = figure_data(chapter.theme_figure())
    disclosure.check(counts, m, ("n", "n_answered"), ())
    assert counts.loc[counts["suppressed"], "pct_of_answers"].isna().all()
    quotes = chapter.quotes_table().data
    ok = set(counts.loc[~counts["suppressed"] & (counts["n"] >= m), "theme"])
    assert set(quotes["theme"]) <= ok


@small_sample_layout
def test_chapter_hands_named_tables_and_figures_to_the_publisher(survey_small):
    chapter = survey_small
    tables = {
        "response_profile": chapter.response_profile(),
        "weighting_diagnostics": chapter.weighting_diagnostics(),
        "weighting_margins": chapter.weighting_margins(),
        "item_estimates": chapter.item_estimates(),
        "item_details": chapter.estimates_table(),
        "profession_contrasts": chapter.group_tests("profession"),
        "setting_contrasts": chapter.group_tests("setting"),
        "freetext_quotes": chapter.quotes_table(),
    }
    for name, table in tables.items():
        assert isinstance(table, Table) and table.name == name
    assert chapter.redaction_table().name == "redaction_examples"
    figures = {
        "likert_current": chapter.likert_figure(),
        "acp_vs_pa": chapter.role_figure(),
        "professions": chapter.group_figure("profession"),
        "settings": chapter.group_figure("setting"),
        "wave_change": chapter.wave_figure(),
        "freetext_themes": chapter.theme_figure(),
    }
    for name, figure in figures.items():
        assert figure.name == name and len(figure_data(figure))


def test_redaction():
    text = (
        "Ask Dr Priya Patel or our manager Sarah Jones, e-mail jane.doe@example.org, "
        "phone 07700 900461 or +44 1632 960123. General Practice is fine."
    )
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


def test_freetext_coding():
    d = freetext.load_dictionary()
    coded = freetext.code_answers(pd.Series(["No supervision time.", "Lovely weather", None]), d)
    assert coded.loc[0, "supervision"] and coded.loc[1, "uncoded"] and not coded.loc[2].any()


@pytest.mark.parametrize(
    "kw",
    [
        {"focus_role": "pa"},
        {"weighting": "off"},
        {"compare_waves": False},
        {"focus_role": "acp", "weighting": "off", "confidence": 0.9},
    ],
)
def test_chapter_computations_follow_parameters(kw):
    chapter = SurveyChapter(params.check("survey", **kw))
    est = chapter.item_estimates().frame
    roles = ["acp", "pa"] if kw.get("focus_role", "both") == "both" else [kw["focus_role"]]
    assert sorted(est["role"].unique()) == sorted(roles)
    assert set(est["weighted"]) == ({True, False} if kw.get("weighting", "on") == "on" else {False})
    assert set(est["wave"]) == ({"current", "earlier"} if kw.get("compare_waves", True) else {"current"})
    assert est["synthetic"].all()
    if len(roles) == 1:
        assert results.role_contrast(chapter.run).empty
    if not kw.get("compare_waves", True):
        assert results.wave_change(chapter.run).empty


# --- values the chapter glues into its prose, from hand-made tables -------------------------


def hand_made(**changes):
    """A SurveyRun whose tables are written out by hand (no responses file behind it)."""
    from skillmix.survey import codebook

    current = pd.DataFrame(
        {
            "works_with_acp": ["yes", "yes", "yes", "no"],
            "works_with_pa": ["yes", "no", "yes", "yes"],
            "helped": ["Ask jane@example.org", "Time to supervise", None, "Good"],
            "hindered": [None, "Call 07700 900461", "Nothing", None],
        }
    )
    diagnostics = pd.DataFrame(
        [
            {
                "wave": "earlier",
                "n": 400,
                "effective_n": 350.2,
                "design_effect": 1.14,
                "min_weight": 0.5,
                "max_weight": 2.0,
                "n_capped": 2,
                "rake_iterations": 5,
            },
            {
                "wave": "current",
                "n": 1200,
                "effective_n": 1001.6,
                "design_effect": 1.198,
                "min_weight": 0.314,
                "max_weight": 3.256,
                "n_capped": 3,
                "rake_iterations": 7,
            },
        ]
    )
    fields = dict(
        book=codebook.load(),
        responses=None,
        roles=["acp", "pa"],
        weighting_on=True,
        min_cell=10,
        confidence=0.95,
        compare_waves=True,
        margins={},
        waves={"current": current, "earlier": current[:1]},
        designs={},
        diagnostics=diagnostics,
        margin_sources=frozenset({"illustrative assumption"}),
    )
    cells = changes.pop("cells", None)
    run = SurveyRun(**{**fields, **changes})
    run.cells = cells or hand_made_cells(run.min_cell)
    return run


def hand_made_cells(min_cell=10, counts=None):
    """The ledger of counts the hand-made run's values quote (a cached property set by hand)."""
    from skillmix.survey import counts as c

    base = {
        c.respondents(): 1600,
        c.wave("current"): 1200,
        c.wave("earlier"): 400,
        c.profile("works_with_acp", "yes", "current"): 900,
        c.profile("works_with_pa", "yes", "current"): 750,
        c.with_roles("yes", "yes"): 600,
        c.capped("current"): 3,
        c.capped("earlier"): 12,
        c.capped_all(): 15,
        c.freetext_answered("helped"): 300,
        c.freetext_answered("hindered"): 4,
        c.redacted(): 25,
    }
    return disclosure.Cells({**base, **(counts or {})}, [], min_cell)


def test_profile_values_hand_computed():
    S = hand_made()
    profile = pd.DataFrame({"suppressed": [True, False, True]})
    assert wording.profile_values(S, profile) == {
        "n_current": "1,200",
        "n_earlier": "400",
        "pct_with_acp": "75.0%",
        "pct_with_pa": "62.5%",
        "pct_with_both": "50.0%",
        "n_profile_suppressed": 2,
    }
    assert wording.profile_values(hand_made(waves={"current": S.waves["current"]}), profile)["n_earlier"] == "0"
    from skillmix.survey import counts as c

    small = hand_made(cells=hand_made_cells(counts={c.with_roles("yes", "yes"): 7, c.wave("earlier"): 6}))
    values = wording.profile_values(small, profile)
    # No sums in this hand-made ledger: a small count is "fewer than 10", a percentage "suppressed".
    assert values["pct_with_both"] == "suppressed" and values["n_earlier"] == "fewer than 10"


def test_weighting_sentence_quotes_current_wave_diagnostics():
    sentence = wording.weighting_sentence(hand_made())
    assert (
        "In the current wave raking converged in 7 sweeps, the design effect from weighting (Kish) is 1.20 "
        "and the effective sample size 1,002 of 1,200; weights range from 0.31 to 3.26 "
        "(trimming bounds 0.2 to 5.0 times the mean weight; 15 weights capped)."
    ) in sentence
    from skillmix.survey import counts as c

    few = wording.weighting_sentence(hand_made(cells=hand_made_cells(counts={c.capped_all(): 5})))
    assert few.endswith("(trimming bounds 0.2 to 5.0 times the mean weight; fewer than 10 weights capped).")
    assert wording.weighting_sentence(hand_made(weighting_on=False)).startswith(
        "Weighting is switched off for this run"
    )


@pytest.mark.parametrize(
    "sources, expected",
    [
        ({"illustrative assumption"}, "illustrative assumptions, not published population figures"),
        ({"illustrative assumption", "ONS 2021 census"}, "the sources named in the margins file"),
        (set(), "not stated in the margins file (it has no source column)"),
    ],
)
def test_margins_source(sources, expected):
    S = hand_made(margin_sources=frozenset(sources))
    assert wording.margins_source(S) == expected
    assert wording.weighting_values(S)["margins_source"] == expected


def test_margin_sources_read_from_file(tmp_path):
    from skillmix.survey import weighting

    path = tmp_path / "m.csv"
    path.write_text("variable,category,share,source\nsetting,acute,0.5,ONS\nsetting,other,0.5,\n")
    assert weighting.margin_sources(path) == {"ONS"}
    path.write_text("variable,category,share\nsetting,acute,1\n")
    assert weighting.margin_sources(path) == set()


def test_estimate_values_largest_weighting_gap():
    details = pd.DataFrame(
        {
            "item": ["a", "a", "b", "b", "c", "c", "a", "a"],
            "role": ["acp"] * 6 + ["pa", "pa"],
            "wave": ["current"] * 6 + ["earlier"] * 2,
            "weighted": [True, False] * 4,
            "pct_agree": [50.0, 47.5, 30.0, 31.25, np.nan, np.nan, 10.0, 90.0],
            "suppressed": [False, False, False, False, True, True, False, False],
        }
    )
    assert wording.weighting_gap(details) == 2.5  # the earlier wave's 80 points do not count
    values = wording.estimate_values(hand_made(), details)
    assert values == {
        "weighting_effect": "Weighting moves the percentage agreeing by at most 2.5 percentage "
        "points on any item in the current wave.",
        "n_estimates_suppressed": 2,
    }
    assert wording.estimate_values(hand_made(weighting_on=False), details)["weighting_effect"].startswith(
        "Only unweighted"
    )
    assert list(results.headline(hand_made(), details)["pct_agree"].dropna()) == [50.0, 30.0]


def test_likert_values_name_highest_and_lowest_shown():
    dist = pd.DataFrame(
        {
            "item": ["role_clarity", "team_workload", "onboarding"],
            "role": ["acp", "pa", "pa"],
            "agree": [30.0, 10.0, 60.0],
            "strongly agree": [20.4, 5.0, 30.0],
            "suppressed": [False, False, True],
        }
    )
    assert wording.likert_values(hand_made(), dist) == {
        "likert_highest": "role clarity (ACP, 50% agreeing)",
        "likert_lowest": "team workload (PA, 15% agreeing)",
    }
    assert wording.likert_values(hand_made(), dist[dist["suppressed"]]) == {
        "likert_highest": "none shown",
        "likert_lowest": "none shown",
    }


def test_role_and_wave_sentences_count_holm_significant():
    S = hand_made()
    rc = pd.DataFrame({"p_holm": [0.001, 0.04, 0.2, np.nan]})
    assert wording.role_values(S, rc)["role_sentence"].startswith(
        "Of 3 statements compared, 2 show a difference between the two roles that remains significant at the 5% level"
    )
    assert wording.role_values(hand_made(confidence=0.99), rc)["role_sentence"].startswith(
        "Of 3 statements compared, 1 show"
    )
    assert wording.role_values(hand_made(roles=["pa"]), rc)["role_sentence"] == (
        "This run reports one role only (focus_role = pa), so the two roles are not compared."
    )
    wc = pd.DataFrame({"p_holm": [0.01, 0.3, np.nan]})
    n_common = len(S.book.common_items)
    assert wording.wave_values(S, wc)["wave_sentence"] == (
        f"On the {n_common} statements asked in both waves, 1 of 2 changes are significant at the 5% level "
        f"after Holm's adjustment."
    )
    assert "compare_waves is off" in wording.wave_values(hand_made(compare_waves=False), wc[:0])["wave_sentence"]
    assert wording.wave_values(hand_made(), wc[:0])["wave_sentence"].startswith("The responses contain no earlier wave")


def test_group_values_use_prefix_and_false_discovery_rate():
    by_group = pd.DataFrame({"suppressed": [True, False, True, True]})
    tests = pd.DataFrame({"p_bh": [0.01, 0.049, 0.05, np.nan, 0.5]})
    assert wording.group_values(hand_made(), "set", by_group, tests) == {
        "set_n_tests": 4,
        "set_n_sig": 2,
        "set_n_suppressed": 3,
    }


def test_freetext_values_count_answers_and_redactions():
    counts = pd.DataFrame({"question": ["helped", "helped", "hindered"], "theme": ["a", "b", "a"]})
    assert wording.freetext_values(hand_made(), counts) == {
        "n_helped": "300",
        "n_hindered": "fewer than 10",  # 4, in no sum
        "n_redacted": "25",
    }
    assert wording.freetext_values(hand_made(), counts[counts["question"] == "helped"])["n_hindered"] == "0"


def test_intro_values_follow_parameters():
    S = hand_made(
        roles=["pa"],
        weighting_on=False,
        confidence=0.9,
        min_cell=25,
        responses=type("R", (), {"synthetic": True, "file": "x.csv", "frame": pd.DataFrame(index=range(7))}),
    )
    values = wording.intro_values(S)
    assert values["roles_text"] == "physician associates (PAs)"
    assert values["weighting_text"] == "unweighted (weighting switched off for this run)"
    assert (values["confidence_pct"], values["alpha_pct"], values["min_cell"]) == (90.0, 10.0, 25)
    assert values["data_label"] == "Synthetic data." and "(1,600 made-up respondents" in values["banner"]
    assert wording.intro_values(hand_made(responses=S.responses))["roles_text"] == (
        "advanced clinical practitioners (ACPs) and physician associates (PAs)"
    )
    assert wording.methods_values() == {"seed": synthetic.SEED, "trim_lower": 0.2, "trim_upper": 5.0}


def test_glue_all_glues_every_key_without_display(monkeypatch):
    from skillmix.publish import glue

    calls = []
    monkeypatch.setattr(glue, "glue", lambda key, value, display=True: calls.append((key, value, display)))
    glue.glue_all({"a": 1, "b": "two"})
    assert calls == [("a", 1, False), ("b", "two", False)]


# --- charts ----------------------------------------------------------------------------------


def test_likert_n_labels_sit_outside_each_panel_and_inside_the_figure():
    items = ["role_clarity", "onboarding"]
    dist = pd.DataFrame(
        [
            {
                "item": i,
                "role": r,
                "n": 1011 * (k + 1),
                "suppressed": False,
                "strongly disagree": 10.0,
                "disagree": 20.0,
                "neither agree nor disagree": 10.0,
                "agree": 40.0,
                "strongly agree": 20.0,
            }
            for k, i in enumerate(items)
            for r in ("acp", "pa")
        ]
    )
    figure = plots.diverging_likert(
        dist,
        ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"],
        name="likert",
    )
    assert figure.name == "likert" and figure.data is dist
    fig = figure.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes = fig.axes[:2]
    for k, ax in enumerate(axes):
        frame = ax.get_window_extent(renderer)
        labels = [t for t in ax.texts if t.get_text().startswith("n=")]
        assert sorted(t.get_text() for t in labels) == ["n=1,011", "n=2,022"]
        for t in labels:
            box = t.get_window_extent(renderer)
            assert box.x0 > frame.x1  # right of the panel's border, not across it
            other = axes[1 - k].get_window_extent(renderer)
            assert not box.overlaps(other)  # clear of the other panel
    plt.close(fig)


def test_role_and_wave_charts_say_why_they_are_not_drawn():
    def text(figure):
        plt.close(figure.figure)
        return figure.figure.axes[0].texts[0].get_text()

    assert text(plots.role_contrast_chart(pd.DataFrame(), focus_role="acp", name="r")) == (
        "Not computed: this run reports ACP items only (focus_role = acp)."
    )
    assert text(plots.wave_change_chart(pd.DataFrame(), compare_waves=False, name="w")) == (
        "Not computed: compare_waves is off for this run."
    )
    assert text(plots.wave_change_chart(pd.DataFrame(), compare_waves=True, name="w")) == (
        "Not computed: the responses contain no earlier wave."
    )
