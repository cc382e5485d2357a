"""Lessons: `lessons.yml` as pydantic models, its references to the evidence base and the
survey code book, the historical parallels and the survey chapter's published estimates.
Fixtures in tests/fixtures/lessons/; the real data are checked too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from skillmix.core import vocab
from skillmix.core.errors import InputError
from skillmix.core.evidence_basis import classify
from skillmix.lessons import inputs, spec, summaries
from skillmix.lessons.parallels import load_parallels
from skillmix.lessons.survey_results import load_survey_estimates, survey_estimates_path

FIX = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture
def files(tmp_path):
    """Copies of the fixture files that a test may break."""
    for f in FIX.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def load(d):
    return spec.load_lessons(d / "lessons.yml", d / "evidence_records.csv", d / "codebook.yml")


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def line_of_text(path, text):
    """The 1-based line of the first line of `path` containing `text`."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_fixture_lessons_load(files):
    lessons = load(files)
    assert [lesson.id for lesson in lessons] == ["L01", "L02"]
    assert lessons[0].records == ("alpha2020_study", "gamma2012_news")
    assert lessons[1].confidence.overall.rating == "low"


# --- the shape of lessons.yml (pydantic) -------------------------------------------------


def test_misspelt_key_names_file_line_and_key(files):
    """A misspelt key of a lesson fails naming the file, the line of the misspelt key and its
    key path (reported as unknown, before the required key it leaves missing)."""
    path = files / "lessons.yml"
    path.write_text(
        path.read_text().replace("    survey_items: [supervision_capacity", "    survey_itmes: [supervision_capacity")
    )
    with pytest.raises(InputError) as err:
        load(files)
    assert err.value.file == "lessons.yml"
    assert err.value.line == line_of_text(path, "    survey_itmes:")
    assert err.value.key == "lessons.1.survey_itmes"
    assert str(err.value) == f"lessons.yml, line {err.value.line}, key 'lessons.1.survey_itmes': unknown key"


def test_unknown_key_names_its_own_line(files):
    path = files / "lessons.yml"
    path.write_text(path.read_text().replace("    short: Supervision\n", "    short: Supervision\n    note: x\n"))
    with pytest.raises(InputError) as err:
        load(files)
    assert (err.value.file, err.value.key) == ("lessons.yml", "lessons.1.note")
    assert err.value.line == line_of_text(path, "note: x")
    assert "unknown key" in str(err.value)


def test_misspelt_confidence_component_names_its_line(files):
    path = files / "lessons.yml"
    path.write_text(path.read_text().replace("      coherence: {concern: minor", "      coherance: {concern: minor"))
    with pytest.raises(InputError) as err:
        load(files)
    assert err.value.key == "lessons.0.confidence.coherance"
    assert err.value.line == line_of_text(path, "      coherance:")


@pytest.mark.parametrize(
    "field, value, key",
    [
        ("themes", ["morale"], "lessons.0.themes.0"),
        ("recommendation_area", "staffing_levels", "lessons.0.recommendation_area"),
        ("records", [], "lessons.0.records"),
        ("records", "alpha2020_study", "lessons.0.records"),
        ("short", "  ", "lessons.0.short"),
        ("id", 1, "lessons.0.id"),
    ],
)
def test_vocabularies_and_types_enforced(files, field, value, key):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][0].__setitem__(field, value))
    with pytest.raises(InputError) as err:
        load(files)
    assert err.value.key == key and err.value.line is not None


def test_missing_field_fails(files):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][1].pop("statement"))
    with pytest.raises(InputError, match=r"key 'lessons\.1\.statement': Field required"):
        load(files)


@pytest.mark.parametrize(
    "path, value, message",
    [
        (("coherence", "concern"), "some", "key 'lessons.0.confidence.coherence.concern'"),
        (("overall", "rating"), "very_high", "key 'lessons.0.confidence.overall.rating'"),
        (("adequacy", "justification"), "{n_pages} pages", "unknown placeholder {n_pages}"),
        (("relevance", "justification"), "  ", "key 'lessons.0.confidence.relevance.justification'"),
    ],
)
def test_confidence_validated(files, path, value, message):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][0]["confidence"][path[0]].__setitem__(path[1], value))
    with pytest.raises(InputError) as err:
        load(files)
    assert message in str(err.value)


def test_statement_is_one_line_and_short_is_stripped(files):
    edit_yaml(
        files / "lessons.yml", lambda d: d["lessons"][0].update(short=" Role purpose ", statement="Unclear\n  purpose.")
    )
    lesson = load(files)[0]
    assert (lesson.short, lesson.statement) == ("Role purpose", "Unclear purpose.")


def test_areas_must_be_the_four_in_order(files):
    edit_yaml(
        files / "lessons.yml",
        lambda d: d.__setitem__("recommendation_areas", dict(reversed(list(d["recommendation_areas"].items())))),
    )
    with pytest.raises(InputError, match="recommendation_areas must list the four areas in order"):
        spec.recommendation_areas(files / "lessons.yml")
    edit_yaml(files / "lessons.yml", lambda d: d["recommendation_areas"].pop("wellbeing"))
    with pytest.raises(InputError, match="recommendation_areas"):
        spec.recommendation_areas(files / "lessons.yml")


# --- what the lessons name in other files ------------------------------------------------


def test_record_removed_from_evidence_base_names_lesson_record_and_line(files):
    ev = pd.read_csv(files / "evidence_records.csv", dtype=str)
    ev[ev["id"] != "gamma2012_news"].to_csv(files / "evidence_records.csv", index=False)
    with pytest.raises(InputError) as err:
        load(files)
    assert "lesson L01: record 'gamma2012_news' not found in evidence_records.csv" in str(err.value)
    assert err.value.key == "lessons.0.records.1"
    assert err.value.line == line_of_text(files / "lessons.yml", "records: [alpha2020_study, gamma2012_news]")


def test_unknown_survey_item_names_lesson_and_item(files):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][1]["survey_items"].append("morale"))
    with pytest.raises(
        InputError,
        match=r"key 'lessons\.1\.survey_items\.2': lesson L02: survey item 'morale' "
        r"not found in codebook\.yml",
    ):
        load(files)


def test_item_dropped_from_codebook_fails(files):
    edit_yaml(files / "codebook.yml", lambda d: d.__setitem__("items", d["items"][:1]))
    with pytest.raises(InputError, match="lesson L02: survey item 'supervision_capacity'"):
        load(files)


def test_duplicate_lesson_id_and_record_fail(files):
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][1].__setitem__("id", "L01"))
    with pytest.raises(InputError, match=r"key 'lessons\.1\.id': lesson L01: duplicate id"):
        load(files)
    edit_yaml(files / "lessons.yml", lambda d: d["lessons"][0]["records"].append("alpha2020_study"))
    with pytest.raises(InputError, match="lesson L01: a record is listed twice"):
        load(files)


# --- the evidence records as the lessons read them ---------------------------------------


def test_records_read_with_year_and_basis(files):
    records = inputs.load_records(files / "evidence_records.csv")
    assert list(records["basis"]) == ["abstract", "abstract", "secondary_summary", "own_summary_or_page"]
    assert str(records["year"].dtype) == "Int64" and pd.isna(records.loc[3, "year"])


def test_records_with_a_bad_year_fail_on_its_line(files):
    ev = pd.read_csv(files / "evidence_records.csv", dtype=str, keep_default_na=False)
    ev.loc[2, "year"] = "c. 2012"
    ev.to_csv(files / "evidence_records.csv", index=False)
    with pytest.raises(InputError, match="line 4, column 'year': not a year"):
        inputs.load_records(files / "evidence_records.csv")


# --- historical parallels ----------------------------------------------------------------


def test_parallels_validated(files):
    kw = dict(
        lesson_ids={"L01", "L02"},
        evidence_path=files / "evidence_records.csv",
        timeline_path=files / "role_timeline.csv",
    )
    assert len(load_parallels(files / "historical_parallels.csv", **kw)) == 1
    t = pd.read_csv(files / "historical_parallels.csv", dtype=str)
    t.assign(lesson="L09").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="line 2, column 'lesson': unknown lesson"):
        load_parallels(files / "p.csv", **kw)
    t.assign(timeline_source="https://example.org/nowhere").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="column 'timeline_source': source not found"):
        load_parallels(files / "p.csv", **kw)
    t.assign(records="", timeline_source="").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="no source"):
        load_parallels(files / "p.csv", **kw)
    t.assign(role="matron").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="line 2, column 'role': unknown role"):
        load_parallels(files / "p.csv", **kw)


# --- the survey chapter's published estimates --------------------------------------------


def test_survey_estimates_missing_column_and_bad_bool(files):
    est = pd.read_csv(files / "item_estimates.csv")
    est.drop(columns="ci_low").to_csv(files / "bad.csv", index=False)
    with pytest.raises(InputError, match="column 'ci_low'"):
        load_survey_estimates(files / "bad.csv")
    est.assign(weighted="maybe").to_csv(files / "bad2.csv", index=False)
    with pytest.raises(InputError, match="line 2, column 'weighted'"):
        load_survey_estimates(files / "bad2.csv")


def test_survey_run_paths(tmp_path):
    assert survey_estimates_path("") == Path("outputs/survey/item_estimates.csv")
    runs = tmp_path / "runs"
    (runs / "alt_weights" / "chapters" / "outputs" / "survey").mkdir(parents=True)
    (runs / "other").mkdir()
    target = runs / "alt_weights" / "chapters" / "outputs" / "survey" / "item_estimates.csv"
    target.write_text("x")
    assert survey_estimates_path("alt_weights", runs) == target
    with pytest.raises(InputError) as err:
        survey_estimates_path("nope", runs)
    assert "survey run 'nope'" in str(err.value) and "alt_weights, other" in str(err.value)


# --- the project's own data --------------------------------------------------------------


def test_real_lessons_validate():
    lessons = spec.load_lessons()
    assert 8 <= len(lessons) <= 12
    assert {lesson.recommendation_area for lesson in lessons} == set(spec.RECOMMENDATION_AREAS)
    assert all(set(lesson.themes) <= set(vocab.THEMES) for lesson in lessons)
    assert list(spec.recommendation_areas()["area"]) == list(spec.RECOMMENDATION_AREAS)
    load_parallels(lesson_ids={lesson.id for lesson in lessons})


def test_real_justifications_saying_all_are_true():
    """A justification that says 'All {n_uk}' or 'All from England or the UK' must be true of
    the lesson's records."""
    records = inputs.load_records()
    for lesson in spec.load_lessons():
        prof = summaries.evidence_profile(lesson, records)
        for comp in spec.COMPONENTS:
            text = getattr(lesson.confidence, comp).justification
            if "All {n_uk}" in text or "All from England or the UK" in text:
                assert prof["n_uk"] == prof["n_records"], lesson.id


def test_basis_rules_first_match_wins():
    """`core.evidence_basis`: a secondary source named in either text wins over an abstract."""
    assert classify("Abstract", "") == "abstract"
    assert classify("Abstract", "Findings taken from the news release") == "secondary_summary"
    assert classify("News summary of the report", "") == "secondary_summary"
    assert classify("Key points section", "") == "own_summary_or_page"
