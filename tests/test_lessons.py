"""Lessons: validation against the evidence base and the survey code book, and the tables
the lessons chapter shows. Fixtures in tests/fixtures/lessons/; the real data are checked too."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from skillmix import lessons as L
from skillmix.core import vocab
from skillmix.core.errors import InputError

FIX = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture
def files(tmp_path):
    """Copies of the fixture files that a test may break."""
    for f in FIX.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def load(d):
    return L.load_lessons(d / "lessons.yml", d / "evidence_records.csv", d / "codebook.yml")


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_fixture_lessons_load(files):
    lessons = load(files)
    assert [l.id for l in lessons] == ["L01", "L02"]
    assert lessons[0].records == ("alpha2020_study", "gamma2012_news")


def test_record_removed_from_evidence_base_names_lesson_and_record(files):
    ev = pd.read_csv(files / "evidence_records.csv", dtype=str)
    ev[ev["id"] != "gamma2012_news"].to_csv(files / "evidence_records.csv", index=False)
    with pytest.raises(InputError) as err:
        load(files)
    assert "lesson L01: record 'gamma2012_news' not found in" in str(err.value)
    assert "evidence_records.csv" in str(err.value)


def test_unknown_survey_item_names_lesson_and_item(files):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][1]["survey_items"].append("morale"))
    with pytest.raises(InputError, match=r"lesson L02: survey item 'morale' not found in .*codebook.yml"):
        load(files)


def test_item_dropped_from_codebook_fails(files):
    edit_yaml(files / "codebook.yml", lambda d: d.__setitem__("items", d["items"][:1]))
    with pytest.raises(InputError, match="lesson L02: survey item 'supervision_capacity'"):
        load(files)


@pytest.mark.parametrize("field, value, message", [
    ("themes", ["morale"], "lesson L01: unknown theme"),
    ("recommendation_area", "staffing_levels", "lesson L01: unknown recommendation area"),
    ("records", [], "lesson L01: no supporting records"),
    ("records", "alpha2020_study", "lesson L01: 'records' must be a list"),
])
def test_vocabularies_enforced(files, field, value, message):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][0].__setitem__(field, value))
    with pytest.raises(InputError, match=message):
        load(files)


@pytest.mark.parametrize("path, value, message", [
    (("coherence", "concern"), "some", "lesson L01: invalid concern for coherence"),
    (("overall", "rating"), "very_high", "lesson L01: invalid overall rating"),
    (("adequacy", "justification"), "{n_pages} pages", "unknown placeholder in adequacy"),
    (("relevance", "justification"), "  ", "lesson L01: relevance has no justification"),
])
def test_confidence_validated(files, path, value, message):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][0]["confidence"][path[0]].__setitem__(path[1], value))
    with pytest.raises(InputError, match=message):
        load(files)


def test_duplicate_lesson_id_fails(files):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][1].__setitem__("id", "L01"))
    with pytest.raises(InputError, match="lesson L01: duplicate id"):
        load(files)


def test_profile_and_confidence_table_fill_placeholders(files):
    lessons, ev = load(files), L.load_evidence(files / "evidence_records.csv")
    prof = L.evidence_profile(lessons[0], ev)
    assert prof["n_records"] == 2 and prof["n_abstract"] == 1 and prof["n_summary"] == 1
    assert prof["n_uk"] == 2 and prof["n_before_2015"] == 1 and prof["n_opinion"] == 1
    table = L.confidence_table(lessons[0], ev)
    assert list(table["component"]) == ["methodological limitations", "coherence", "adequacy",
                                        "relevance", "overall confidence"]
    assert table.loc[0, "justification"] == "1 of 2 from abstracts, 1 from summaries."
    assert table.loc[4, "assessment"] == "moderate"
    assert not table["justification"].str.contains("{", regex=False).any()


def test_records_by_level_and_role_counts_each_role(files):
    lessons, ev = load(files), L.load_evidence(files / "evidence_records.csv")
    table = L.records_by_level_and_role(lessons[1], ev)
    assert list(table.index) == ["review", "policy_or_guidance"]
    assert table.loc["review", "acp"] == 1 and table.loc["policy_or_guidance", "physician_associate"] == 1
    recs = L.supporting_records(lessons[1], ev)
    assert list(recs["record"]) == ["beta2021_review", "delta_policy"]
    assert recs.loc[1, "year"] == "n.d."


def test_area_matrix_and_ratings(files):
    lessons = load(files)
    m = L.area_matrix(lessons)
    assert list(m.columns) == list(L.RECOMMENDATION_AREAS)
    assert m.loc["L01", "scope_of_practice_and_regulation"] == 2 and m.loc["L01"].sum() == 2
    assert L.ratings_count(lessons) == {"high": 0, "moderate": 1, "low": 1, "very_low": 0}
    assert L.cited_records(lessons) == ["alpha2020_study", "gamma2012_news", "beta2021_review", "delta_policy"]


def test_survey_join_prefers_weighted_current_and_labels_synthetic(files):
    lessons = load(files)
    est = L.load_survey_estimates(files / "item_estimates.csv")
    items = L.codebook_items(files / "codebook.yml")
    t = L.survey_for_lesson(lessons[0], est, items, L.codebook_roles(files / "codebook.yml"))
    assert list(t["role"]) == ["acp", "pa"]
    assert list(t["% agree"]) == [61.2, 40.0]  # weighted, current wave, rounded to 1 dp
    assert set(t["estimate"]) == {"weighted"} and set(t["source"]) == {"synthetic"}
    assert t.loc[0, "statement"].startswith("The scope of practice of advanced clinical practitioners (ACPs)")
    t2 = L.survey_for_lesson(lessons[1], est, items)
    sup = t2[t2["item"] == "supervision_capacity"].set_index("role")
    assert sup.loc["acp", "estimate"].endswith("suppressed (too few respondents)")
    assert pd.isna(sup.loc["acp", "% agree"])
    assert sup.loc["pa", "estimate"] == "unweighted" and sup.loc["pa", "% agree"] == 33.3
    assert t2.loc[t2["item"] == "career_progression", "statement"].iloc[0].startswith("ACP have")  # no names given


def test_survey_estimates_not_synthetic_are_labelled_so(files):
    est = L.load_survey_estimates(files / "item_estimates.csv").assign(synthetic=False)
    t = L.survey_for_lesson(load(files)[0], est)
    assert set(t["source"]) == {"survey responses"}


def test_survey_estimates_missing_column_and_bad_bool(files):
    est = pd.read_csv(files / "item_estimates.csv")
    est.drop(columns="ci_low").to_csv(files / "bad.csv", index=False)
    with pytest.raises(InputError, match="column 'ci_low'"):
        L.load_survey_estimates(files / "bad.csv")
    est.assign(weighted="maybe").to_csv(files / "bad2.csv", index=False)
    with pytest.raises(InputError, match="row 2, column 'weighted'"):
        L.load_survey_estimates(files / "bad2.csv")


def test_survey_run_paths(tmp_path):
    assert L.survey_estimates_path("") == Path("outputs/survey/item_estimates.csv")
    runs = tmp_path / "runs"
    (runs / "alt_weights" / "chapters" / "outputs" / "survey").mkdir(parents=True)
    (runs / "other").mkdir()
    target = runs / "alt_weights" / "chapters" / "outputs" / "survey" / "item_estimates.csv"
    target.write_text("x")
    assert L.survey_estimates_path("alt_weights", runs) == target
    with pytest.raises(InputError) as err:
        L.survey_estimates_path("nope", runs)
    assert "survey run 'nope'" in str(err.value) and "alt_weights, other" in str(err.value)


def test_parallels_validated(files):
    lessons = load(files)
    kw = dict(lessons=lessons, evidence_path=files / "evidence_records.csv", timeline_path=files / "role_timeline.csv")
    assert len(L.load_parallels(files / "historical_parallels.csv", **kw)) == 1
    t = pd.read_csv(files / "historical_parallels.csv", dtype=str)
    t.assign(lesson="L09").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="row 2, column 'lesson': unknown lesson"):
        L.load_parallels(files / "p.csv", **kw)
    t.assign(timeline_source="https://example.org/nowhere").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="column 'timeline_source': source not found"):
        L.load_parallels(files / "p.csv", **kw)
    t.assign(records="", timeline_source="").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="no source"):
        L.load_parallels(files / "p.csv", **kw)


# --- the project's own data --------------------------------------------------------------



def test_real_lessons_validate():
    lessons = L.load_lessons()
    assert 8 <= len(lessons) <= 12
    assert {l.recommendation_area for l in lessons} == set(L.RECOMMENDATION_AREAS)
    assert all(set(l.themes) <= set(vocab.THEMES) for l in lessons)
    L.recommendation_areas()
    L.load_parallels(lessons=lessons)


def test_real_justifications_saying_all_are_true():
    """A justification that says 'All {n_uk} records' must be true of the lesson's records."""
    ev = L.load_evidence()
    for lesson in L.load_lessons():
        prof = L.evidence_profile(lesson, ev)
        for comp in L.COMPONENTS:
            if "All {n_uk}" in lesson.confidence[comp]["justification"]:
                assert prof["n_uk"] == prof["n_records"], lesson.id
        for comp in L.COMPONENTS:
            if "All from England or the UK" in lesson.confidence[comp]["justification"]:
                assert prof["n_uk"] == prof["n_records"], lesson.id


# --- values the chapter glues, and its display tables ------------------------------------

def test_summary_values_count_lessons_records_ratings_items_and_parallels(files):
    lessons = load(files)
    ev = L.load_evidence(files / "evidence_records.csv")
    par = L.load_parallels(files / "historical_parallels.csv", lessons=lessons,
                           evidence_path=files / "evidence_records.csv", timeline_path=files / "role_timeline.csv")
    est = L.load_survey_estimates(files / "item_estimates.csv")
    values = L.summary_values(lessons, ev, par, est)
    assert list(values)[:9] == ["lessons_n", "lessons_n_cited", "lessons_n_evidence", "lessons_n_high",
                                "lessons_n_moderate", "lessons_n_low", "lessons_n_very_low",
                                "lessons_n_parallels", "lessons_n_items"]
    assert values["lessons_n"] == 2 and values["lessons_n_cited"] == 4 and values["lessons_n_evidence"] == len(ev)
    assert (values["lessons_n_moderate"], values["lessons_n_low"], values["lessons_n_high"]) == (1, 1, 0)
    assert values["lessons_n_parallels"] == 1
    assert values["lessons_n_items"] == 3          # role_clarity, supervision_capacity, career_progression
    assert values["lessons_survey_note"].data.startswith("**Synthetic data.**")


def test_survey_note_says_synthetic_only_when_an_estimate_is(files):
    est = L.load_survey_estimates(files / "item_estimates.csv")
    assert L.survey_note(est) == L.SURVEY_NOTE[True]
    assert L.survey_note(est.assign(synthetic=False)) == L.SURVEY_NOTE[False]
    mixed = est.assign(synthetic=[i == 0 for i in range(len(est))])
    assert L.survey_note(mixed) == L.SURVEY_NOTE[True]


def test_lesson_values_per_lesson(files):
    lessons = load(files)
    ev = L.load_evidence(files / "evidence_records.csv")
    areas = L.recommendation_areas(files / "lessons.yml")
    values = L.lesson_values(lessons, ev, areas)
    assert len(values) == 2 * 8
    assert [k for k in values if k.startswith("lessons_L01_")] == [
        f"lessons_L01_{f}" for f in ("short", "statement", "rating", "area", "n_records", "n_primary", "n_review",
                                     "n_abstract")]
    assert values["lessons_L01_short"].data == "Role purpose"
    assert values["lessons_L01_area"].data == "scope of practice and regulation"
    assert values["lessons_L02_rating"].data == "low"
    assert values["lessons_L01_n_records"] == 2 and values["lessons_L01_n_abstract"] == 1
    assert values["lessons_L02_n_review"] == 1 and values["lessons_L02_n_primary"] == 0


def test_area_values_and_display_tables(files):
    lessons = load(files)
    assert L.area_values(L.area_matrix(lessons)) == {
        "lessons_area_implementation_capacity_and_support": 0, "lessons_area_education_and_supervision_capacity": 1,
        "lessons_area_wellbeing": 0, "lessons_area_scope_of_practice_and_regulation": 1}
    assert list(L.by_id(lessons)) == ["L01", "L02"] and L.by_id(lessons)["L02"] is lessons[1]
    assert L.short_titles(lessons) == {"L01": "Role purpose", "L02": "Supervision"}
    areas = L.recommendation_areas(files / "lessons.yml")
    assert L.area_labels(areas)["wellbeing"] == "Wellbeing"
    assert list(L.areas_table(areas).columns) == ["code", "label", "summary", "source"]
    par = pd.read_csv(files / "historical_parallels.csv", dtype=str)
    assert list(L.parallels_table(par).columns) == ["role", "period", "what happened", "lesson", "records",
                                                     "role-timeline source"]


def test_overview_lists_each_lesson_once_without_its_long_statement():
    all_lessons = L.load_lessons()
    table = L.overview(all_lessons, L.load_evidence())
    assert list(table["lesson"]) == [l.id for l in all_lessons]
    assert "statement" not in table.columns
    assert table["records"].tolist() == [len(l.records) for l in all_lessons]
    assert all("_" not in items for items in table["survey items"])
