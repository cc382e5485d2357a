"""Tests of the skillmix.workforce package: validation, vintage filtering, the GP ratio, ARRS
measures, new roles, HCHS and OECD computations, and the chapter's general-practice section."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from skillmix.core import timeline
from skillmix.core.errors import InputError
from skillmix.core.formats import fmt_date
from skillmix.workforce import arrs, gp_combinations, gp_ratio, hchs, new_roles, numbers, oecd, plot_style
from skillmix.workforce import gp_practice as practice
from skillmix.workforce import published as pub

PRACTICE_CSV = Path(__file__).parent / "fixtures" / "workforce" / "gp_practice_september_2023_synthetic.csv"


@pytest.fixture(scope="module")
def published():
    return pub.load_published()


def _copy_with(tmp_path: Path, edit) -> Path:
    """The curated CSV copied to tmp_path with `edit(rows)` applied to its list of dicts."""
    with open(pub.PUBLISHED, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    out = tmp_path / "workforce_published.csv"
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()) if rows else pub.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out


def _set(index, column, value):
    def edit(rows):
        rows[index][column] = value

    return edit


# ---------------------------------------------------------------- loading and validation


def test_curated_file_loads_and_is_unchanged(published):
    assert len(published) == 521  # 482 of the shared set, 39 added after it (data README)
    assert set(published["vintage"]) <= set(pub.VINTAGES)
    assert published["row"].iloc[0] == 2
    assert published["value"].dtype == float


@pytest.mark.parametrize(
    "column, value, allowed_fragment",
    [
        ("vintage", "superseded_2019", "current, superseded_aug2021"),
        ("measure", "wte", "fte, headcount"),
        ("qualifier", "roughly", "about, more than"),
        ("value", "27,519", "a number"),
        ("period", "Sep 2015", "YYYY-MM-DD"),
        ("period", "2009/11", "YYYY/YY"),
        ("source_url", "www.example.org/page", "https://"),
        ("geography", "England", "england, uk"),
    ],
)
def test_bad_cell_names_file_line_column_value_allowed(tmp_path, column, value, allowed_fragment):
    path = _copy_with(tmp_path, _set(4, column, value))  # 5th data row = line 6
    with pytest.raises(InputError) as info:
        pub.load_published(path)
    message = str(info.value)
    assert "workforce_published.csv" in message
    assert "line 6" in message
    assert f"column '{column}'" in message
    assert repr(value) in message
    assert allowed_fragment in message
    assert info.value.line == 6 and info.value.column == column


def test_vintage_on_non_gp_series_is_refused(tmp_path):
    def edit(rows):
        i = next(i for i, r in enumerate(rows) if r["series"] == "pcn_dpc_fte")
        rows[i]["vintage"] = "current"

    with pytest.raises(InputError, match="no vintage"):
        pub.load_published(_copy_with(tmp_path, edit))


def test_missing_column_is_refused(tmp_path):
    def edit(rows):
        for r in rows:
            del r["source_url"]

    with pytest.raises(InputError) as info:
        pub.load_published(_copy_with(tmp_path, edit))
    assert info.value.column == "source_url" and info.value.line == 1


@pytest.mark.parametrize(
    "text, start, end, kind",
    [
        ("2015-09-30", "2015-09-30", "2015-09-30", "date"),
        ("2021", "2021-01-01", "2021-12-31", "year"),
        ("2009/10", "2009-04-01", "2010-03-31", "financial_year"),
        ("2015-09-30/2024-09-30", "2015-09-30", "2024-09-30", "range"),
        ("2012/2020", "2012-01-01", "2020-12-31", "range"),
    ],
)
def test_period_forms(text, start, end, kind):
    s, e, k = timeline.parse_period(text)
    assert (s.date().isoformat(), e.date().isoformat(), k) == (start, end, kind)


@pytest.mark.parametrize("text", ["2015-02-30", "2015-9-30", "2009/11", "2024-09-30/2015-09-30", "FY2020"])
def test_bad_periods(text):
    with pytest.raises(ValueError):
        timeline.parse_period(text)


def test_timeline_loads():
    events = timeline.load_timeline()
    assert len(events) == 40
    assert events["year"].min() == 1943
    assert events["year"].is_monotonic_increasing  # events stay in date order
    dated = events[events["date"] != ""]
    assert dated.groupby("year")["date"].apply(lambda d: d.str[:7].is_monotonic_increasing).all()


# ---------------------------------------------------------------- selection and vintages


def test_superseded_excluded_by_default(published):
    rows = pub.select(published, "gp_fully_qualified_fte", geography="england")
    assert set(rows["vintage"]) == {"current"}
    sep15 = rows[rows["period"] == "2015-09-30"]["value"].tolist()
    assert sep15 == [29364.0, 29364.0]  # 29,403 is the superseded value


def test_superseded_included_and_marked(published):
    rows = pub.select(published, "gp_fully_qualified_fte", include_superseded=True)
    marked = rows[rows["superseded"]]
    assert {"superseded_original", "superseded_aug2021"} <= set(marked["vintage"])
    assert 29403.0 in marked["value"].tolist()
    assert not rows[~rows["superseded"]]["vintage"].isin(pub.SUPERSEDED).any()


def test_period_range_and_prefix(published):
    rows = pub.select(published, "hchs_total_fte", period_from="2016-01-01", period_to="2018-12-31")
    assert rows["period"].tolist() == ["2016-08-31", "2017-08-31", "2018-08-31"]
    pcn = pub.select(published, "pcn_*")
    assert pcn["series"].str.startswith("pcn_").all() and len(pcn) > 0


# ---------------------------------------------------------------- the GP ratio


def test_ratio_hand_computed_jan_2022(published):
    """Lines 114 (nurses 16,501), 116 (DPC 14,993) and 58 (permanent GPs 26,985): current vintage."""
    ratios = gp_ratio.gp_ratios(published, "nurses_dpc", "permanent")
    assert ratios["period"].tolist() == ["2022-01-31"]
    rec = ratios.iloc[0]
    assert rec["ratio"] == pytest.approx((16501 + 14993) / 26985, rel=1e-12)
    assert rec["ratio"] == pytest.approx(1.1671, abs=1e-4)
    assert "gp_nurses_fte=16501 (row 114)" in rec["parts"]
    assert "gp_dpc_fte=14993 (row 116)" in rec["parts"]
    assert rec["denominator_row"] == "gp_permanent_fte=26985 (row 58)"
    assert rec["vintage"] == "current" and rec["same_vintage"] and rec["same_period"]


def test_ratio_never_mixes_vintages(published):
    ratios = gp_ratio.all_gp_ratios(published, include_superseded=True)
    assert ratios["same_vintage"].all() and ratios["same_period"].all()
    # Sep 2015: nurses and DPC exist only in the superseded first release, so with the
    # fully qualified denominator only the superseded 29,403 pairs with them.
    sep15 = ratios[ratios["period"] == "2015-09-30"]
    assert sep15["denominator_fte"].tolist() == [29403.0]
    assert sep15["ratio"].iloc[0] == pytest.approx(24550 / 29403)
    assert ratios.loc[ratios["superseded"], "vintage"].isin(pub.SUPERSEDED).all()


def test_ratio_on_synthetic_rows_same_vintage_only(tmp_path):
    def edit(rows):
        template = dict(rows[0])
        rows.clear()
        for series, value, vintage in [
            ("gp_nurses_fte", 100, "current"),
            ("gp_dpc_fte", 50, "current"),
            ("gp_permanent_fte", 60, "current"),
            ("gp_nurses_fte", 90, "superseded_original"),
            ("gp_dpc_fte", 40, "superseded_original"),
        ]:
            rows.append(
                {
                    **template,
                    "series": series,
                    "value": str(value),
                    "vintage": vintage,
                    "period": "2020-09-30",
                    "measure": "fte",
                    "qualifier": "",
                }
            )

    frame = pub.load_published(_copy_with(tmp_path, edit))
    ratios = gp_ratio.gp_ratios(frame, include_superseded=True)
    assert ratios["ratio"].tolist() == [pytest.approx(150 / 60)]


def test_ratio_combinations_report(published):
    combos = gp_combinations.ratio_combinations(published)
    assert set(combos["construction"]) == {
        gp_ratio.SAME_RELEASE,
        gp_combinations.PCN_NEARBY,
        gp_combinations.FIRST_RELEASE,
        gp_combinations.COLLATED,
    }
    assert set(combos["kind"]) == {gp_ratio.RATIO, gp_ratio.MIXED_DATES, gp_ratio.MIXED_VINTAGES}
    same = combos[combos["kind"] == gp_ratio.RATIO]
    assert (same["construction"] == gp_ratio.SAME_RELEASE).all()
    assert same["ratio"].max() < 1.2  # no ratio comes near 2.6
    pcn = combos[combos["construction"] == gp_combinations.PCN_NEARBY]
    assert (pcn["period_gap_days"] == 59).all() and (pcn["kind"] == gp_ratio.MIXED_DATES).all()
    assert pcn.loc[pcn["denominator"] == "permanent", "ratio"].iloc[0] == pytest.approx(
        (16501 + 14993 + 10185.9) / 26985
    )
    first = combos[combos["construction"] == gp_combinations.FIRST_RELEASE]
    assert (first["kind"] == gp_ratio.MIXED_VINTAGES).all()
    closest = combos.loc[combos["gap_to_study"].abs().idxmin()]
    assert closest["construction"] == gp_combinations.COLLATED and closest["kind"] == gp_ratio.MIXED_DATES
    assert closest["ratio"] == pytest.approx((16501 + 40424) / 26867)
    assert (combos["gap_to_study"] == combos["ratio"] - 2.6).all()
    assert gp_combinations.kind_counts(combos) == (
        "7 ratios, 3 mixed-date combinations and 4 mixed-vintage combinations"
    )


@pytest.mark.parametrize(
    "same_vintage, same_period, kind",
    [
        (True, True, gp_ratio.RATIO),
        (True, False, gp_ratio.MIXED_DATES),
        (False, True, gp_ratio.MIXED_VINTAGES),
        (False, False, gp_ratio.MIXED_BOTH),
    ],
)
def test_combination_kind(same_vintage, same_period, kind):
    assert gp_ratio.combination_kind(same_vintage, same_period) == kind


def test_parts_dated_differently_are_never_a_ratio(published):
    """Every combination whose parts differ in date (or vintage) has a kind other than
    `ratio`, in the data, the table, the figure's CSV and the quoted numbers."""
    rows = published.set_index("row")
    nurses, dpc, pcn, den = (rows.loc[[r]].reset_index() for r in (114, 116, 279, 58))
    parts = [next(f.itertuples(index=False)) for f in (nurses, dpc, pcn)]
    rec = gp_ratio.combine(parts, next(den.itertuples(index=False)), numerator_key="x", denominator_key="y")
    assert not rec["same_period"] and rec["kind"] == gp_ratio.MIXED_DATES

    combos = gp_combinations.ratio_combinations(published)
    dated_apart = combos["numerator_periods"] != combos["period"]
    assert dated_apart.any()
    assert (combos.loc[dated_apart, "kind"] != gp_ratio.RATIO).all()
    assert ((combos["kind"] == gp_ratio.RATIO) == (combos["same_vintage"] & combos["same_period"])).all()
    table = gp_combinations.ratio_table(combos)
    apart = dated_apart.to_numpy()
    assert not table.loc[apart, "Kind"].str.startswith("Ratio").any() and "Ratio" not in table.columns
    assert table.loc[apart, "Dates"].str.startswith("GPs ").all()
    assert (table.loc[~apart, "Dates"] == combos.loc[~apart, "period"].map(fmt_date).to_numpy()).all()
    trace = gp_combinations.combination_trace(combos)
    assert "ratio" not in trace.columns and (trace.loc[apart, "kind"] != "ratio").all()

    # The latest ratio the prose quotes is a ratio, even when later combinations mixing dates
    # are handed in with the ratios (the collated one, dated 30 September 2022, is later).
    gp = practice.gp_practice(published, period_from="2015-09-30", period_to="2025-12-31")
    assert (gp.ratios["kind"] == gp_ratio.RATIO).all() and len(gp.shown) > len(gp.ratios)
    for ratios in (gp.ratios, gp.shown):
        values = numbers.gp_numbers(gp.rows, ratios, gp.combos)
        assert values["ratio_perm_latest"] == "1.17" and values["ratio_perm_period"] == "31 January 2022"
        assert (values["ratio_perm_num"], values["ratio_perm_den"]) == ("31,494", "26,985")
        assert values["ratio_fq_latest"] == "1.13" and values["ratio_n_periods"] == "1"
        assert values["collated_kind"] == values["pcn_kind"] == gp_ratio.MIXED_DATES
        assert values["closest_kind"] == gp_ratio.MIXED_DATES


def test_implied_numerator(published):
    implied = gp_ratio.implied_numerator(published)
    assert implied["period"] == "2024-10-31"
    assert implied["numerator_fte"] == pytest.approx(2.6 * 27519)


def test_unknown_ratio_definition(published):
    with pytest.raises(InputError, match="allowed: nurses_dpc, nurses_dpc_pcn"):
        gp_ratio.gp_ratios(published, "everyone")


# ---------------------------------------------------------------- ARRS


def test_arrs_families_are_kept_apart(published):
    progress = arrs.arrs_progress(published)
    assert progress["family"].notna().all()
    collated = progress[progress["series"] == "primary_care_dpc_fte_change_vs_2019-03"]
    assert collated["family"].unique().tolist() == ["collated ARRS+NWRS"]
    nwrs = progress[progress["series"] == "arrs_fte_nwrs"]
    assert nwrs["family"].unique().tolist() == ["NWRS only"]
    assert nwrs["share_of_target"].isna().all()  # levels are not read as progress against the target
    assert collated["share_of_target"].tolist() == [
        pytest.approx(29103 / 26000),
        pytest.approx(36190 / 26000),
    ]


def test_arrs_change_within_one_measure(published):
    progress = arrs.arrs_progress(published)
    rows = progress[progress["series"] == "primary_care_dpc_fte_change_vs_2019-03"]["row"].tolist()
    assert arrs.arrs_change(published, rows[0], rows[1]) == pytest.approx(36190 - 29103)


def test_arrs_change_across_measures_refused(published):
    progress = arrs.arrs_progress(published)
    collated = int(progress[progress["series"] == "arrs_collated_fte"]["row"].iloc[0])
    nwrs = int(progress[(progress["series"] == "arrs_fte_nwrs") & (progress["value"] == 24241)]["row"].iloc[0])
    with pytest.raises(InputError, match="refusing to difference"):
        arrs.arrs_change(published, collated, nwrs)


# ---------------------------------------------------------------- new roles, HCHS, OECD


def test_new_roles_against_ltwp(published):
    points, summary = new_roles.new_roles_progress(published)
    na = summary.set_index("role").loc["nursing associates"]
    assert na["latest_value"] == 10881 and na["ambition"] == 64000
    assert na["share_of_ambition"] == pytest.approx(10881 / 64000)
    years = (pd.Timestamp("2037-03-31") - pd.Timestamp("2024-03-31")).days / 365.25
    assert na["required_annual_growth"] == pytest.approx((64000 / 10881) ** (1 / years) - 1)
    # Current names, with the former ones beside them; the series keep the sources' wording.
    assert summary[["role", "formerly"]].values.tolist() == [
        ["nursing associates", ""],
        ["physician assistants", "physician associates"],
        ["physician assistants in anaesthesia", "anaesthesia associates"],
    ]
    assert summary["latest_series"].tolist() == ["nursing_associates_nmc_register", "pa_register", "aa_register"]
    aa = summary.set_index("role").loc["physician assistants in anaesthesia"]
    assert pd.isna(aa["observed_annual_growth"])  # one register value: no growth computed
    assert set(points["kind"]) == {"observed", "ambition"}
    assert points.loc[points["kind"] == "ambition", "series"].str.startswith("ltwp_target_").all()


def test_hchs(published):
    totals = hchs.hchs_totals(published, "2014-01-01", "2024-12-31")
    total = totals[totals["series"] == "hchs_total_fte"]
    assert len(total) == 12  # 11 Augusts (PQ table) and one rounded Nuffield Trust figure
    assert (total["period"].str.endswith("-08-31") == (total["qualifier"] == "")).all()
    mix = hchs.hchs_staff_mix(published)
    nurses16 = mix[(mix["period"] == "2016-09-30") & (mix["staff_group"] == "nurses and health visitors")]
    assert nurses16["share"].iloc[0] == pytest.approx(284000 / 1040000)


def test_oecd_nurses_per_doctor_same_year_same_source(published):
    dens, ratios = oecd.oecd_comparison(published)
    computed = ratios[ratios["kind"] == "computed"]
    uk = computed[computed["geography"] == "uk"]
    assert uk["year"].tolist() == ["2017"]  # UK 2012 doctors and nurses come from different sources
    assert uk["nurses_per_doctor"].iloc[0] == pytest.approx(7.8 / 2.8)
    oecd21 = computed[(computed["geography"] == "oecd_average") & (computed["year"] == "2021")]
    assert oecd21["nurses_per_doctor"].iloc[0] == pytest.approx(9.2 / 3.7)
    # Rows dated by publication (no data year) never enter a computed ratio.
    assert not computed["geography"].eq("kingsfund_21_country_average").any()


# ---------------------------------------------------------------- the chapter's opening and GP section


def test_coverage_numbers():
    frame = pd.DataFrame({"source_url": ["https://a.org/1", "https://a.org/1", "https://b.org/2"]})
    values = numbers.coverage_numbers(frame, period_from="2015-09-30", period_to="2025-12-31", include_superseded=False)
    assert values == {
        "n_rows": "3",
        "n_urls": "2",
        "period_from": "30 September 2015",
        "period_to": "31 December 2025",
        "vintage_rule": "current-vintage rows only; superseded values are left out",
    }
    marked = numbers.coverage_numbers(frame, period_from="2015-09-30", period_to="2025-12-31", include_superseded=True)
    assert marked["vintage_rule"].startswith("current-vintage rows, with superseded values shown marked")


def test_gp_practice_from_curated_rows(published):
    gp = practice.gp_practice(published, period_from="2015-09-30", period_to="2025-12-31")
    assert gp.vintage == "current" and gp.source == practice.CURATED_SOURCE
    assert set(gp.rows["series"]) == set(practice.GP_STAFF_SERIES)
    assert set(gp.rows["vintage"]) == {"current"}
    assert (gp.rows["geography"] == "england").all() and (gp.rows["measure"] == "fte").all()
    assert len(gp.combos) == len(gp_combinations.ratio_combinations(published))  # the table covers every one
    assert (gp.ratios["kind"] == gp_ratio.RATIO).all() and not gp.ratios["superseded"].any()
    assert gp.ratios["ratio"].max() == pytest.approx((16501 + 14993) / 26985)  # January 2022, current vintage
    # The figure also shows combinations of other kinds, superseded parts or not (marked).
    mixed = gp.shown[gp.shown["kind"] == gp_ratio.MIXED_VINTAGES]
    assert mixed["superseded"].all() and len(mixed) == 4


def test_gp_practice_window_and_superseded(published):
    gp = practice.gp_practice(published, period_from="2015-09-30", period_to="2025-12-31", include_superseded=True)
    sep15 = gp.ratios[gp.ratios["period"] == "2015-09-30"]
    assert sep15["superseded"].all() and 24550 / 29403 in [pytest.approx(r) for r in sep15["ratio"]]
    assert gp.rows["superseded"].any()
    later = practice.gp_practice(published, period_from="2016-01-01", period_to="2022-06-30", include_superseded=True)
    assert later.shown["period"].between("2016-01-01", "2022-06-30").all()
    assert later.rows["period_end"].between(pd.Timestamp("2016-01-01"), pd.Timestamp("2022-06-30")).all()
    assert "2015-09-30" not in set(later.shown["period"]) and len(later.combos) == len(gp.combos)


def test_gp_practice_from_practice_csv(published):
    gp = practice.gp_practice(
        published, period_from="2015-09-30", period_to="2025-12-31", practice_csv=str(PRACTICE_CSV)
    )
    assert gp.vintage == practice.PRACTICE_CSV_VINTAGE
    assert gp.source.startswith(
        "the practice-level CSV tests/fixtures/workforce/"
        "gp_practice_september_2023_synthetic.csv (5 practices, reference date "
        "30 September 2023)"
    )
    assert dict(zip(gp.rows["series"], gp.rows["value"]))["gp_permanent_fte"] == 18.5
    ratios = gp.ratios.set_index("denominator")["ratio"]
    assert ratios["permanent"] == pytest.approx((11.0 + 14.0) / 18.5)
    assert ratios["fully_qualified"] == pytest.approx((11.0 + 14.0) / 20.0)
    assert set(gp.ratios["kind"]) == {gp_ratio.RATIO} and len(gp.shown) == len(gp.ratios)
    # Practice-level sums are derived values, and the prose says so.
    assert set(gp.rows["qualifier"]) == {"derived"}
    values = numbers.gp_numbers(gp.rows, gp.ratios, gp.combos, vintage=gp.vintage)
    assert values["perm_last"].startswith("18 (derived: sum of the practice rows of gp_practice_september_2023")


def test_gp_staff_series_are_those_the_figure_draws():
    assert tuple(plot_style.GP_SERIES) == practice.GP_STAFF_SERIES
