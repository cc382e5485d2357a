"""Tests of the workforce chapter's façade (skillmix.workforce.chapter): what it hands to the
publishing layer, from parameters as chapters.yml declares them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from skillmix.core import chapter_spec
from skillmix.core.artifacts import Figure, Table
from skillmix.core.errors import InputError
from skillmix.workforce.chapter import WorkforceChapter
from skillmix.workforce.gp_practice import PRACTICE_CSV_VINTAGE
from skillmix.workforce.tables import SOURCE_COLUMNS

PRACTICE_CSV = "tests/fixtures/workforce/gp_practice_september_2023_synthetic.csv"


@pytest.fixture(scope="module")
def chapter():
    return WorkforceChapter(chapter_spec.check(WorkforceChapter.NAME))


def test_from_notebook_reads_the_declared_parameters():
    namespace = {
        "period_from": "2016-01-01",
        "period_to": "2022-06-30",
        "include_superseded": True,
        "gp_workforce_csv": "",
        "unrelated": 1,
    }
    chapter = WorkforceChapter.from_notebook(namespace)
    assert chapter.window == {"period_from": "2016-01-01", "period_to": "2022-06-30"}
    assert chapter.params["include_superseded"] is True
    with pytest.raises(InputError, match="does not set a declared parameter"):
        WorkforceChapter.from_notebook({"period_from": "2016-01-01"})


def test_glue_values_in_section_order(chapter):
    assert list(chapter.coverage_values()) == ["n_rows", "n_urls", "period_from", "period_to", "vintage_rule"]
    gp = chapter.gp_values()
    assert list(gp)[:2] == ["gp_source", "fq_first"] and gp["study_ratio"] == "2.6"
    assert chapter.arrs_values()["arrs_target"] == "26,000"
    assert chapter.arrs_values()["arrs_target_2019"] == "an estimated 20,000"
    assert chapter.roles_values()["na_ambition"] == "more than 64,000"
    assert "hchs_growth" in chapter.hchs_values() and "uk_npd_2017" in chapter.oecd_values()


@pytest.mark.parametrize(
    "method, name",
    [
        ("staff_mix_figure", "gp_staff_mix"),
        ("ratio_figure", "gp_ratio"),
        ("arrs_figure", "arrs_vs_target"),
        ("roles_figure", "new_roles_vs_ltwp"),
        ("hchs_figure", "hchs_totals"),
        ("oecd_figure", "oecd_comparison"),
    ],
)
def test_figures_are_returned_not_saved(chapter, method, name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    figure = getattr(chapter, method)()
    assert isinstance(figure, Figure) and figure.name == name and len(figure.data)
    plt.close(figure.figure)
    assert not any(tmp_path.iterdir())


def test_tables_show_reader_columns_and_keep_exact_values_in_their_downloads(chapter):
    roles = chapter.roles_table()
    assert isinstance(roles, Table) and roles.name and roles.caption and roles.source
    assert roles.frame["Share of ambition reached"].round(3).tolist() == [0.17, 0.509, 0.089]
    assert roles.frame["Latest count"].str.contains(r"\(\d+ \w+ \d{4}").all()  # value (date, place)
    assert "share_of_ambition" in roles.download.columns
    hchs = chapter.hchs_mix_table()
    assert list(hchs.frame.columns) == ["period", "staff_group", "fte", "total_fte", "share", "qualifier"]
    assert hchs.formats["share"].startswith("percent") and "row" in hchs.download.columns
    oecd = chapter.oecd_table()
    assert "rows" not in oecd.frame.columns and "rows" in oecd.download.columns
    ratio_table = chapter.ratio_table().frame
    assert list(ratio_table.columns[:3]) == ["Kind", "Combination", "Dates"]
    assert ratio_table.columns[-1] == "Other clinicians per GP"
    assert "gap_to_study" in chapter.ratio_table().download.columns  # the difference is in the CSV
    assert set(roles.frame["Role"]) == {
        "Nursing associates",
        "Physician assistants",
        "Physician assistants in anaesthesia",
    }


def test_policy_event_tables(chapter):
    arrs_events, plan_events = chapter.arrs_events(), chapter.plan_events()
    assert (arrs_events.name, plan_events.name) == ("arrs_events", "plan_events")
    for table in (arrs_events, plan_events):
        assert list(table.frame.columns) == ["date", "event", "source_url"] and table.link_column == "source_url"
        assert table.frame["date"].is_monotonic_increasing
    assert (arrs_events.frame["date"] == "2025-02-28").sum() == 3


def test_sources_show_a_subset_and_download_all(chapter):
    sources = chapter.sources()
    assert sources.name == "sources"
    assert list(sources.frame.columns) == ["Line", *SOURCE_COLUMNS[1:]]
    assert "source_url" in sources.download.columns and len(sources.download) == len(sources.frame)
    lines = sources.frame["Line"]
    assert lines.is_monotonic_increasing and (lines >= 2).all()
    assert not sources.frame["series"].str.contains("_").any()  # series in words


def test_practice_csv_parameter_is_resolved_from_the_project_root():
    chapter = WorkforceChapter(chapter_spec.check(WorkforceChapter.NAME, gp_workforce_csv=PRACTICE_CSV))
    assert chapter.gp.vintage == PRACTICE_CSV_VINTAGE
    assert chapter.gp_values()["gp_source"].startswith(f"the practice-level CSV {PRACTICE_CSV} (5 practices")
