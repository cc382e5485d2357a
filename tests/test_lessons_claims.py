"""What a lesson says against what its records can support (`skillmix.lessons.claims`), the
neutrality of the book's own descriptions (`skillmix.lessons.neutrality`) and the published
recommendations the lessons map to. Each class of error is shown failing on a small fixture,
and the project's own data are shown to pass."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from skillmix.core.errors import InputError
from skillmix.core.timeline import load_timeline
from skillmix.lessons import claims, inputs, spec, summaries
from skillmix.lessons import glossary as G
from skillmix.lessons.neutrality import unattributed
from skillmix.lessons.parallels import load_parallels

FIX = Path(__file__).parent / "fixtures" / "lessons"


@pytest.fixture
def files(tmp_path):
    for f in FIX.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def set_record(folder, rid, **fields):
    ev = pd.read_csv(folder / "evidence_records.csv", dtype=str, keep_default_na=False)
    for column, value in fields.items():
        ev.loc[ev["id"] == rid, column] = value
    ev.to_csv(folder / "evidence_records.csv", index=False)


def problems(folder):
    lessons = spec.load_lessons(folder / "lessons.yml", folder / "evidence_records.csv", folder / "codebook.yml")
    records = inputs.load_records(folder / "evidence_records.csv")
    return claims.problems(lessons, records, load_timeline(folder / "role_timeline.csv"))


def lesson0(change):
    return lambda d: change(d["lessons"][0])


def test_fixture_lessons_have_no_problems(files):
    assert problems(files) == []


# --- country: "UK; International" is not from England or the UK ---------------------------


@pytest.mark.parametrize(
    "country, expected",
    [
        ("England", True),
        ("UK", True),
        ("England; Wales", True),
        ("UK; International", False),
        ("International", False),
        ("International (18 trials; 6 UK)", False),
        ("England; International", False),
        ("", False),
    ],
)
def test_uk_only_needs_every_listed_country_in_the_uk(country, expected):
    assert summaries.uk_only(country) is expected


def test_the_old_check_let_uk_international_through():
    """The check this replaces matched the first country only."""
    assert re.match(r"(England|UK)\b", "UK; International")  # old: counted as UK
    assert not summaries.uk_only("UK; International")  # now: not counted


def test_all_from_the_uk_claim_fails_with_a_uk_international_record(files):
    claim = "All {n_uk} records are from England or the UK."
    edit_yaml(
        files / "lessons.yml", lesson0(lambda l: l["confidence"]["relevance"].__setitem__("justification", claim))
    )
    assert problems(files) == []  # alpha (England) and gamma (UK)
    set_record(files, "gamma2012_news", country="UK; International")
    lessons = spec.load_lessons(files / "lessons.yml", files / "evidence_records.csv", files / "codebook.yml")
    profile = summaries.evidence_profile(lessons[0], inputs.load_records(files / "evidence_records.csv"))
    assert (profile["n_uk"], profile["n_not_uk"], profile["n_records"]) == (1, 1, 2)
    found = problems(files)
    assert len(found) == 1 and found[0].startswith("lesson L01: relevance says all records are from England or the UK")


def test_other_wordings_of_the_all_claim_are_caught(files):
    edit_yaml(
        files / "lessons.yml",
        lesson0(lambda l: l["confidence"]["relevance"].__setitem__("justification", "All from England or the UK.")),
    )
    set_record(files, "alpha2020_study", country="UK; International")
    assert any("relevance says all records" in p for p in problems(files))


# --- timing: records placed before or after a dated event -------------------------------


def test_statement_about_timing_must_declare_it(files):
    edit_yaml(
        files / "lessons.yml",
        lesson0(lambda l: l.__setitem__("statement", "Evaluation followed rather than preceded roll-out.")),
    )
    assert problems(files) == ["lesson L01: the statement places evidence in time ('followed') but declares no timing"]


def timing(relation, records, role="physician_associate", year=2003):
    return [{"event": {"role": role, "year": year}, "records_published": relation, "records": records}]


def test_record_dated_after_the_event_it_is_said_to_precede_fails(files):
    """The error class: trials published after a roll-out cited as evidence available before it."""
    edit_yaml(
        files / "lessons.yml",
        lesson0(
            lambda l: l.update(statement="Trials informed the roll-out.", timing=timing("before", ["alpha2020_study"]))
        ),
    )
    assert problems(files) == [
        "lesson L01: timing: record 'alpha2020_study' (2020) is not dated before the physician_associate event of 2003"
    ]
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.update(timing=timing("after", ["alpha2020_study"]))))
    assert problems(files) == []


def test_timing_needs_a_dated_record_and_a_timeline_event(files):
    edit_yaml(
        files / "lessons.yml",
        lambda d: d["lessons"][1].update(
            statement="Later, supervision took time.", timing=timing("after", ["delta_policy"])
        ),
    )
    assert problems(files) == [
        "lesson L02: timing: record 'delta_policy' has no year, so its place in time cannot be checked"
    ]
    edit_yaml(
        files / "lessons.yml", lambda d: d["lessons"][1].update(timing=timing("after", ["beta2021_review"], year=1999))
    )
    assert problems(files) == ["lesson L02: timing: no physician_associate event in 1999 in the role timeline"]


def test_timing_may_name_only_the_lessons_own_records(files):
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.update(timing=timing("after", ["beta2021_review"]))))
    with pytest.raises(InputError, match="timing names record 'beta2021_review', which the lesson does not cite"):
        spec.load_lessons(files / "lessons.yml", files / "evidence_records.csv", files / "codebook.yml")


# --- outcomes: an outcome resting on one record must say so ----------------------------------


def test_outcome_reported_by_one_record_must_say_so(files):
    set_record(files, "alpha2020_study", key_finding="Direct employment supported retention.")
    statement = "Employment arrangements that supported development went with retention."
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.__setitem__("statement", statement)))
    assert problems(files) == [
        "lesson L01: the statement reports retention ('retention'), which only 1 of its records reports; "
        "say in the same sentence that it rests on one study"
    ]
    said = "One qualitative study found that direct employment supported retention."
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.__setitem__("statement", said)))
    assert problems(files) == []
    set_record(files, "gamma2012_news", key_finding="Funding was short and retention fell.")
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.__setitem__("statement", statement)))
    assert problems(files) == []  # two records report it


def test_intentions_do_not_support_an_outcome(files):
    set_record(files, "alpha2020_study", key_finding="Few trainees intended to stay in the role.")
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.__setitem__("statement", "Career routes shaped who stayed.")))
    assert problems(files) == [
        "lesson L01: the statement reports staying ('stayed'), which none of its records reports"
    ]
    edit_yaml(
        files / "lessons.yml",
        lesson0(lambda l: l.__setitem__("statement", "In one survey few trainees intended to stay in the role.")),
    )
    assert problems(files) == []


# --- neutrality ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("A band-4 role, valued as visible, knowledgeable bedside staff.", ["valued", "knowledgeable"]),
        ("Consultants were seen as effective drivers of quality.", ["effective"]),
        ("The introduction was successful; it was good practice.", ["successful", "good"]),
        ("A 2011 study reported them valued as visible, knowledgeable bedside staff.", []),
        ("Most nursing directors reported positive outcomes.", []),
        ("The page recommends 'communicating good practice'.", []),
        ("A band-4 role trained through a foundation degree route.", []),
        ("Staff reported success; the scheme was effective.", ["effective"]),  # each clause on its own
    ],
)
def test_unattributed_evaluative_words(text, words):
    assert unattributed(text) == words


def test_glossary_rejects_an_unattributed_evaluative_word(tmp_path):
    rows = [
        {
            "role": r,
            "name": r.replace("_", " "),
            "also_known_as": "",
            "description": G.NOT_IN_SOURCES,
            "introduced": G.NOT_IN_SOURCES,
            "regulation": G.NOT_IN_SOURCES,
            "records": "alpha2020_study",
            "timeline_sources": "",
        }
        for r in G.ROLES
    ]
    rows[0]["description"] = "A band-4 role, valued as visible, knowledgeable bedside staff."
    path = tmp_path / "glossary.csv"
    pd.DataFrame(rows, columns=G.COLUMNS).to_csv(path, index=False)
    kw = dict(evidence_path=FIX / "evidence_records.csv", timeline_path=FIX / "role_timeline.csv")
    with pytest.raises(InputError, match=r"line 2, column 'description': evaluative word .*'valued, knowledgeable'"):
        G.load_glossary(path, **kw)
    rows[0]["description"] = "A band-4 role; a 2011 study reported staff valued it."
    pd.DataFrame(rows, columns=G.COLUMNS).to_csv(path, index=False)
    G.load_glossary(path, **kw)


def test_parallels_reject_an_unattributed_evaluative_word(files):
    t = pd.read_csv(files / "historical_parallels.csv", dtype=str)
    t.assign(what_happened="HCAs were effective and valued.").to_csv(files / "p.csv", index=False)
    with pytest.raises(InputError, match="column 'what_happened': evaluative word"):
        load_parallels(files / "p.csv", {"L01", "L02"}, files / "evidence_records.csv", files / "role_timeline.csv")


def test_lesson_statement_with_an_unattributed_evaluative_word_fails(files):
    edit_yaml(files / "lessons.yml", lesson0(lambda l: l.__setitem__("statement", "The role was successful.")))
    assert problems(files) == ["lesson L01: statement: evaluative word(s) without saying whose view: successful"]


# --- recommendations ---------------------------------------------------------------------------


def test_recommendation_ids_areas_and_cut_off_items_are_checked(files):
    path = files / "lessons.yml"

    def load():
        return spec.load_lessons(path, files / "evidence_records.csv", files / "codebook.yml")

    edit_yaml(path, lesson0(lambda l: l.__setitem__("recommendations", ["R9"])))
    with pytest.raises(InputError, match="recommendation 'R9' is not defined"):
        load()
    edit_yaml(path, lesson0(lambda l: l.__setitem__("recommendations", ["R1"])))
    with pytest.raises(InputError, match="its area is not the area of any recommendation it names"):
        load()
    edit_yaml(path, lesson0(lambda l: l.__setitem__("recommendations", [])))
    assert load()[0].recommendations == ()
    edit_yaml(path, lambda d: d["recommendations"]["R3"].pop("note"))
    with pytest.raises(InputError, match="needs a note saying where the copy seen ends"):
        load()


def test_recommendations_source_must_be_a_record(files):
    edit_yaml(files / "lessons.yml", lambda d: d["recommendations_source"].__setitem__("record", "nobody2025_x"))
    with pytest.raises(InputError, match="recommendations_source: record 'nobody2025_x' not found"):
        spec.load_lessons(files / "lessons.yml", files / "evidence_records.csv", files / "codebook.yml")


# --- the project's own data ----------------------------------------------------------------


def test_real_lessons_pass_every_check():
    lessons = spec.load_lessons()
    assert claims.problems(lessons, inputs.load_records(), load_timeline(inputs.TIMELINE_FILE)) == []


def test_real_recommendations_are_public_and_marked_where_cut_off():
    """Sources are public addresses (no internal references); the last item, cut off in the
    copy seen, is quoted only as far as seen and says so."""
    text = inputs.LESSONS_FILE.read_text(encoding="utf-8")
    assert not re.search(r"\b(brief|issue \d+)\b", text, re.IGNORECASE)
    source = spec.recommendations_source()
    assert source.url == "https://nhsemployers.org/publications/balance-lessons-changing-mix-professions-nhs-services"
    assert source.record == "nuffield2025_inthebalance" and "including" in source.introduction
    areas = spec.recommendation_areas()
    assert set(areas["source"]) == {source.url}
    assert list(areas["label"]) == [
        "Implementation capacity and support",
        "Education and supervision capacity",
        "Wellbeing",
        "Scope of practice and regulation",
    ]
    recs = spec.recommendations()
    assert list(recs["id"]) == [f"R{i}" for i in range(1, 11)]
    incomplete = recs[~recs["complete"]]
    assert list(incomplete["id"]) == ["R10"]
    assert incomplete["text"].item().endswith("relevant data")
    lessons = spec.load_lessons()
    assert all(lesson.recommendations or lesson.id == "L09" for lesson in lessons)


def test_real_glossary_uses_current_names_and_keeps_the_former():
    g = G.load_glossary().set_index("role")
    assert g.loc["physician_associate", "name"] == "Physician assistant"
    assert g.loc["physician_associate", "also_known_as"].startswith("physician associate")
    assert g.loc["anaesthesia_associate", "name"] == "Physician assistant in anaesthesia"
    assert g.loc["anaesthesia_associate", "also_known_as"].startswith("anaesthesia associate")
    for role in ("physician_associate", "anaesthesia_associate"):
        assert "dhsc2026_gmc_order_consultation" in g.loc[role, "records"]
        assert "in law" in g.loc[role, "regulation"]
    for col in G.DESCRIBING_COLUMNS:
        assert all(unattributed(text) == [] for text in g[col]), col
