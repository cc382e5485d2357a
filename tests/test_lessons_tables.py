"""Lessons: the counts, glue values, tables and figure the lessons chapter shows, on the
fixtures in tests/fixtures/lessons/ and on the project's own data (through the façade)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from skillmix.core.artifacts import Figure, MarkdownText, Table
from skillmix.core.errors import InputError
from skillmix.core.paths import CHAPTERS
from skillmix.lessons import inputs, plots, spec, summaries, tables
from skillmix.lessons.chapter import LessonsChapter
from skillmix.lessons.parallels import load_parallels
from skillmix.lessons.survey_results import SURVEY_NOTE, load_survey_estimates, survey_note

FIX = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture(scope="module")
def fx():
    """The fixture lessons, records, estimates, parallels and areas."""
    lessons = spec.load_lessons(FIX / "lessons.yml", FIX / "evidence_records.csv", FIX / "codebook.yml")
    return {
        "lessons": lessons,
        "records": inputs.load_records(FIX / "evidence_records.csv"),
        "estimates": load_survey_estimates(FIX / "item_estimates.csv"),
        "parallels": load_parallels(
            FIX / "historical_parallels.csv",
            {lesson.id for lesson in lessons},
            FIX / "evidence_records.csv",
            FIX / "role_timeline.csv",
        ),
        "areas": spec.recommendation_areas(FIX / "lessons.yml"),
    }


def test_profile_and_confidence_table_fill_placeholders(fx):
    lesson, records = fx["lessons"][0], fx["records"]
    prof = summaries.evidence_profile(lesson, records)
    assert prof["n_records"] == 2 and prof["n_abstract"] == 1 and prof["n_summary"] == 1
    assert prof["n_uk"] == 2 and prof["n_before_2015"] == 1 and prof["n_opinion"] == 1
    table = tables.confidence_table(lesson, records)
    assert list(table["component"]) == [
        "methodological limitations",
        "coherence",
        "adequacy",
        "relevance",
        "overall confidence",
    ]
    assert table.loc[0, "justification"] == "1 of 2 from abstracts, 1 from summaries."
    assert table.loc[0, "assessment"] == "moderate concerns" and table.loc[4, "assessment"] == "moderate"
    assert not table["justification"].str.contains("{", regex=False).any()


def test_supporting_records_strongest_first_and_undated(fx):
    recs = tables.supporting_records(fx["lessons"][1], fx["records"])
    assert list(recs["record"]) == ["beta2021_review", "delta_policy"]
    assert recs.loc[0, "roles"] == "acp, physician_associate" and recs.loc[1, "year"] == "n.d."
    assert recs.loc[0, "finding read from"] == "abstract"
    shown = tables.records_shown(recs)
    assert list(shown.columns) == ["Record", "Evidence", "Roles", "Key finding"]
    assert shown.loc[0, "Roles"] == "Advanced clinical practitioner, Physician associate"
    assert "_" not in " ".join(shown["Evidence"]) and shown.loc[0, "Evidence"].endswith("read in abstract")


def test_area_matrix_and_ratings(fx):
    lessons = fx["lessons"]
    m = summaries.area_matrix(lessons)
    assert list(m.columns) == list(spec.RECOMMENDATION_AREAS)
    assert m.loc["L01", "scope_of_practice_and_regulation"] == 2 and m.loc["L01"].sum() == 2
    assert summaries.ratings_count(lessons) == {"high": 0, "moderate": 1, "low": 1, "very_low": 0}
    assert summaries.cited_records(lessons) == ["alpha2020_study", "gamma2012_news", "beta2021_review", "delta_policy"]


def test_survey_join_prefers_weighted_current_and_labels_synthetic(fx):
    lessons, est = fx["lessons"], fx["estimates"]
    items, roles = inputs.codebook_items(FIX / "codebook.yml"), inputs.codebook_roles(FIX / "codebook.yml")
    t = tables.survey_for_lesson(lessons[0], est, items, roles)
    assert list(t["role"]) == ["acp", "pa"]
    assert list(t["% agree"]) == [61.2, 40.0]  # weighted, current wave, rounded to 1 dp
    assert set(t["estimate"]) == {"weighted"} and set(t["source"]) == {"synthetic"}
    assert t.loc[0, "statement"].startswith("The scope of practice of advanced clinical practitioners (ACPs)")
    shown = tables.survey_shown(t)
    assert list(shown.columns) == ["statement", "estimate", "n", "% agree", "CI low", "CI high"]
    assert list(shown["estimate"]) == ["Weighted", "Weighted"]
    t2 = tables.survey_for_lesson(lessons[1], est, items)
    sup = t2[t2["item"] == "supervision_capacity"].set_index("role")
    assert sup.loc["acp", "estimate"].endswith("suppressed (too few respondents)")
    assert pd.isna(sup.loc["acp", "% agree"])
    assert sup.loc["pa", "estimate"] == "unweighted" and sup.loc["pa", "% agree"] == 33.3
    assert t2.loc[t2["item"] == "career_progression", "statement"].iloc[0].startswith("ACP have")  # no names given


def test_survey_estimates_not_synthetic_are_labelled_so(fx):
    t = tables.survey_for_lesson(fx["lessons"][0], fx["estimates"].assign(synthetic=False))
    assert set(t["source"]) == {"survey responses"}


def test_survey_note_says_synthetic_only_when_an_estimate_is(fx):
    est = fx["estimates"]
    assert survey_note(est) == SURVEY_NOTE[True]
    assert survey_note(est.assign(synthetic=False)) == SURVEY_NOTE[False]
    assert survey_note(est.assign(synthetic=[i == 0 for i in range(len(est))])) == SURVEY_NOTE[True]


def test_summary_values_count_lessons_records_ratings_items_and_parallels(fx):
    values = summaries.summary_values(fx["lessons"], fx["records"], fx["parallels"], fx["estimates"])
    assert list(values) == [
        "lessons_n",
        "lessons_n_cited",
        "lessons_n_evidence",
        "lessons_n_high",
        "lessons_n_moderate",
        "lessons_n_low",
        "lessons_n_very_low",
        "lessons_n_parallels",
        "lessons_n_items",
        "lessons_survey_note",
    ]
    assert values["lessons_n"] == 2 and values["lessons_n_cited"] == 4 and values["lessons_n_evidence"] == 4
    assert (values["lessons_n_moderate"], values["lessons_n_low"], values["lessons_n_high"]) == (1, 1, 0)
    assert values["lessons_n_parallels"] == 1
    assert values["lessons_n_items"] == 3  # role_clarity, supervision_capacity, career_progression
    assert values["lessons_survey_note"].startswith("**Synthetic data.**")


def test_lesson_values_per_lesson_are_plain_text_and_numbers(fx):
    values = summaries.lesson_values(fx["lessons"], fx["records"], fx["areas"])
    assert len(values) == 2 * 9
    assert [k for k in values if k.startswith("lessons_L01_")] == [
        f"lessons_L01_{f}"
        for f in (
            "short",
            "statement",
            "rating",
            "area",
            "recommendations",
            "n_records",
            "n_primary",
            "n_review",
            "n_abstract",
        )
    ]
    assert values["lessons_L01_recommendations"] == "R2, R3" and values["lessons_L02_recommendations"] == "R1"
    assert all(isinstance(v, (str, int)) for v in values.values())
    assert values["lessons_L01_short"] == "Role purpose"
    assert values["lessons_L01_area"] == "scope of practice and regulation"
    assert values["lessons_L02_rating"] == "low"
    assert values["lessons_L01_n_records"] == 2 and values["lessons_L01_n_abstract"] == 1
    assert values["lessons_L02_n_review"] == 1 and values["lessons_L02_n_primary"] == 0


def test_area_values_and_display_tables(fx):
    lessons, areas = fx["lessons"], fx["areas"]
    assert summaries.area_values(summaries.area_matrix(lessons)) == {
        "lessons_area_implementation_capacity_and_support": 0,
        "lessons_area_education_and_supervision_capacity": 1,
        "lessons_area_wellbeing": 0,
        "lessons_area_scope_of_practice_and_regulation": 1,
    }
    assert summaries.short_titles(lessons) == {"L01": "Role purpose", "L02": "Supervision"}
    assert summaries.area_labels(areas)["wellbeing"] == "Wellbeing"
    assert list(tables.areas_table(areas).columns) == ["area", "summary", "source"]
    assert list(tables.parallels_table(fx["parallels"]).columns) == [
        "role",
        "period",
        "what happened",
        "lesson",
        "records",
        "role-timeline source",
    ]
    over = tables.overview(lessons)
    assert list(over["survey items"]) == ["role clarity", "supervision capacity, career progression"]
    assert list(over["recommendations"]) == ["R2, R3", "R1"]


def test_recommendations_table_quotes_verbatim_marks_cut_off_and_lists_lessons(fx):
    recs = spec.recommendations(FIX / "lessons.yml")
    table = tables.recommendations_table(recs, fx["areas"], fx["lessons"])
    assert list(table["id"]) == ["R1", "R2", "R3"]
    assert list(table["lessons bearing on it"]) == ["L02", "L01", "L01"]
    assert table.loc[0, "recommendation (verbatim)"] == "Fund supervision."
    assert table.loc[2, "recommendation (verbatim)"] == "More research with access to" + tables.CUT_OFF
    assert table.loc[1, "area"] == "Scope of practice and regulation"
    assert summaries.recommendation_values(fx["lessons"], recs) == {
        "lessons_n_recommendations": 3,
        "lessons_n_recommendations_cut_off": 1,
        "lessons_n_recommendations_mapped": 3,
        "lessons_n_without_recommendation": 0,
        "lessons_without_recommendation": "none",
    }


def test_area_matrix_figure_returns_a_figure_with_its_data(fx):
    lessons = fx["lessons"]
    fig = plots.area_matrix_figure(
        summaries.area_matrix(lessons), summaries.short_titles(lessons), summaries.area_labels(fx["areas"])
    )
    try:
        assert isinstance(fig, Figure) and fig.name == "area_matrix"
        assert list(fig.data.columns) == ["lesson", *spec.RECOMMENDATION_AREAS]
        labels = [t.get_text() for t in fig.figure.axes[0].get_yticklabels()]
        assert labels == ["L01 Role purpose", "L02 Supervision"]
    finally:
        plt.close(fig.figure)


# --- the façade on the project's own data ------------------------------------------------


@pytest.fixture(scope="module")
def chapter():
    """The façade as the notebook builds it (the survey estimates are read relative to chapters/)."""
    here = os.getcwd()
    os.chdir(CHAPTERS)
    try:
        return LessonsChapter({"survey_run": ""})
    finally:
        os.chdir(here)


def test_facade_returns_tables_and_glue_values(chapter):
    over = chapter.overview()
    assert isinstance(over, Table) and list(over.frame["lesson"]) == [lesson.id for lesson in chapter.lessons]
    assert "statement" not in over.frame.columns
    assert over.frame["records"].tolist() == [len(lesson.records) for lesson in chapter.lessons]
    assert all("_" not in items for items in over.frame["survey items"])
    values = chapter.lesson_values()
    assert values["lessons_L01_short"] == chapter.by_id["L01"].short
    assert isinstance(values["lessons_L01_short"], MarkdownText)  # glued as markdown
    assert isinstance(values["lessons_L01_n_records"], int)
    assert chapter.summary_values()["lessons_survey_note"] in SURVEY_NOTE.values()
    par = chapter.parallels_table()
    assert par.name == "historical_parallels" and "what_happened" in par.download.columns
    assert "what happened" in par.frame.columns


def test_facade_unknown_lesson_names_the_known_ones(chapter):
    with pytest.raises(InputError, match="unknown lesson.*L01"):
        chapter.confidence_table("L99")


def test_facade_recommendations_and_the_study_finding(chapter):
    values = chapter.recommendation_values()
    finding = values["lessons_study_key_finding"]
    assert isinstance(finding, MarkdownText)
    assert "an average of 2.6" in finding and finding.endswith("The other key findings were not seen.")
    assert values["lessons_n_recommendations"] == len(chapter.recommendations)
    table = chapter.recommendations_table()
    assert table.name == "recommendations" and list(table.frame["id"]) == list(chapter.recommendations["id"])


def test_survey_based_values_and_tables_carry_the_synthetic_mark(chapter):
    """The committed survey estimates are synthetic, so what the lessons draw from them is marked."""
    assert chapter.summary_values().data_status == {"lessons_survey_note": "synthetic"}
    assert chapter.survey_for_lesson("L01").data_status == "synthetic"
    assert chapter.confidence_table("L01").data_status is None
