"""The evidence base: loading, validation of corrupted inputs, theme links and the record filter."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from skillmix.core import chapter_spec as params
from skillmix.core import labels, vocab
from skillmix.core.errors import InputError
from skillmix.core.evidence_basis import basis_of_evidence
from skillmix.core.paths import ROOT
from skillmix.evidence import records as ev
from skillmix.evidence import selection
from skillmix.evidence.themes import DIRECTIONS

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"
DEFAULTS = params.chapter("evidence_review").defaults()


@pytest.fixture
def folder(tmp_path) -> Path:
    """A writable copy of the small evidence fixture."""
    target = tmp_path / "evidence"
    shutil.copytree(FIXTURES, target)
    return target


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, count))


def load(folder):
    return ev.load_all(folder)


# --------------------------------------------------------------------------- the real data


def test_real_evidence_base_loads_and_is_consistent():
    data = ev.load_all()
    records, coded = data["records"], data["coded"]
    assert len(records) == 92 + len(ADDED_RECORDS) and records["id"].is_unique
    assert len(data["exclusions"]) == 56 + ADDED_EXCLUSIONS
    assert list(data["themes"]["theme"]) == list(vocab.THEMES)
    assert set(coded["record_id"]) <= set(records["id"])
    assert set(coded["basis"]) == {"key_finding"}
    # wellbeing is coded somewhere, and only on records whose key finding names it
    wellbeing = coded[coded["theme"] == "wellbeing"]
    assert len(wellbeing) > 0
    words = r"stress|pressure|enjoy|valued|threatened|satisfaction"
    for rid in wellbeing["record_id"]:
        finding = records.loc[records["id"] == rid, "key_finding"].item()
        assert re.search(words, finding, re.IGNORECASE), rid


# Rows appended after the shared starting set (data/evidence/README.md, "Rows added after the
# shared set"); the shared rows before them are unchanged.
ADDED_RECORDS = (
    "nuffield2025_inthebalance",
    "nhsemployers_leng_immediate_actions",
    "smyth2025_pq_physician_assistants",
    "dhsc2026_gmc_order_consultation",
)
ADDED_EXCLUSIONS = 2


def test_data_files_keep_the_shared_set_byte_for_byte_then_the_added_rows():
    records = ev.load_records()
    assert tuple(records["id"].iloc[92:]) == ADDED_RECORDS
    readme = (ev.EVIDENCE / "README.md").read_text(encoding="utf-8")
    assert all(f"`{rid}`" in readme for rid in ADDED_RECORDS)
    for rid in ADDED_RECORDS:  # each says so in its note
        assert "Added in the late-2026 fact check" in records.set_index("id").loc[rid, "record_note"], rid
    assert len(ev.load_exclusions()) == 56 + ADDED_EXCLUSIONS
    shared = ROOT.parent / "shared" / "data" / "evidence"
    if not shared.is_dir():
        pytest.skip("shared starting set not available")
    for name in ("evidence_records.csv", "screening_exclusions.csv"):
        ours, theirs = (ev.EVIDENCE / name).read_bytes(), (shared / name).read_bytes()
        assert ours.startswith(theirs) and ours != theirs, name


def test_fixture_loads_with_tidy_types(folder):
    data = load(folder)
    records = data["records"]
    assert list(records["id"]) == ["alpha2020_na", "gamma2015_pa", "rcx2024_position", "undated_ecp"]
    assert str(records["year"].dtype) == "Int64"
    assert records["year"].isna().tolist() == [False, False, False, True]
    roles = ev.record_roles(records)
    assert roles.values.tolist() == [
        ["alpha2020_na", "nursing_associate"],
        ["gamma2015_pa", "physician_associate"],
        ["gamma2015_pa", "acp"],
        ["rcx2024_position", "physician_associate"],
        ["undated_ecp", "ecp"],
    ]
    assert len(ev.record_theme_tags(records)) == 5


# --------------------------------------------------------------------------- corrupted inputs

RECORDS, CODED, LOG = "evidence_records.csv", "coded_findings.csv", "screening_exclusions.csv"


def whole(message: str) -> str:
    """A pattern for the end of a message, matched exactly."""
    return re.escape(message) + "$"


# (file, text in the fixture, replacement, pattern of the error message): each error names the
# file, the line (the header is line 1), the column, the value and the allowed values.
CORRUPTIONS = [
    (
        RECORDS,
        "gamma2015_pa,Gamma",
        "alpha2020_na,Gamma",
        whole("evidence_records.csv, line 3, column 'id': duplicate id (first used on line 2) (got 'alpha2020_na')"),
    ),
    (
        RECORDS,
        ",acute,policy_report,",
        ",hospital,policy_report,",
        whole(
            "evidence_records.csv, line 4, column 'setting': value not in the controlled vocabulary "
            "(got 'hospital'); allowed: primary_care, acute, community, mixed"
        ),
    ),
    (
        RECORDS,
        "physician_associate;acp",
        "physician_associate;doctor",
        r"line 3, column 'role': value not in the controlled vocabulary \(got 'doctor'\); allowed: nursing_associate, "
        r"arrs",
    ),
    (
        RECORDS,
        "role_design;supervision",
        "role_design;morale",
        r"line 2, column 'themes'.*\(got 'morale'\); allowed: role_design, onboarding",
    ),
    (
        RECORDS,
        "http://example.org/rcx",
        "www.example.org/rcx",
        whole(
            "evidence_records.csv, line 4, column 'seen_url': not an http(s) URL (got 'www.example.org/rcx'); "
            "allowed: http://... or https://..."
        ),
    ),
    (
        RECORDS,
        "https://doi.org/10.1000/alpha.1",
        "ftp://doi.org/10.1000/alpha.1",
        r"line 2, column 'canonical_url': not an http\(s\) URL",
    ),
    (
        RECORDS,
        ",10.1000/alpha.1,",
        ",doi:10.1000/alpha.1,",
        r"line 2, column 'doi': not a DOI \(got 'doi:10.1000/alpha.1'\)",
    ),
    (
        RECORDS,
        "Beta,2020,",
        "Beta,1820,",
        r"line 2, column 'year': year out of range \(got '1820'\); allowed: a four-digit year from 1900 to 2100",
    ),
    (RECORDS, ",evidence_level,", ",level,", r"line 1, column 'evidence_level': required column missing"),
    (
        CODED,
        "undated_ecp,outcomes_quality",
        "missing_record,outcomes_quality",
        whole(
            "coded_findings.csv, line 6, column 'record_id': record_id does not match any record in "
            "evidence_records.csv (got 'missing_record'); allowed: an id of evidence_records.csv"
        ),
    ),
    (
        CODED,
        "rcx2024_position,regulation",
        "rcx2024_position,morale",
        r"line 5, column 'theme': theme not in the code book \(themes.yml\) \(got 'morale'\)",
    ),
    (
        CODED,
        "regulation,neutral",
        "regulation,positive",
        r"column 'direction'.*allowed: barrier, enabler, mixed, neutral",
    ),
    (
        CODED,
        "alpha2020_na,supervision",
        "alpha2020_na,role_design",
        r"line 3, column 'theme': record and theme already coded on line 2",
    ),
    (
        "themes.yml",
        "    label: Role design\n",
        "",
        r"themes.yml, key 'themes.role_design.label': theme 'role_design' has no label",
    ),
    (
        LOG,
        "out_of_scope_country",
        "irrelevant",
        whole(
            "screening_exclusions.csv, line 4, column 'reason': value not in the controlled vocabulary "
            "(got 'irrelevant'); allowed: " + ", ".join(vocab.EXCLUSION_REASONS)
        ),
    ),
]


@pytest.mark.parametrize(
    "name, old, new, message", CORRUPTIONS, ids=[f"{c[0]}:{c[2] or 'deleted'}" for c in CORRUPTIONS]
)
def test_corrupted_input_is_named(folder, name, old, new, message):
    replace(folder / name, old, new)
    with pytest.raises(InputError, match=message):
        load(folder)


def test_code_book_must_cover_every_theme(folder):
    book = folder / "themes.yml"
    text = book.read_text()
    start = text.index("  wellbeing:")
    book.write_text(text[:start])
    with pytest.raises(
        InputError,
        match=r"themes.yml, key 'themes': theme missing from the code book "
        r"\(got 'wellbeing'\)",
    ):
        load(folder)


# --------------------------------------------------------------------------- links and filter


def test_theme_links_union_of_tags_and_codes(folder):
    data = load(folder)
    links = ev.theme_links(data["records"], data["coded"])
    extra = links[(links["record_id"] == "undated_ecp") & (links["theme"] == "wellbeing")]
    assert extra[["tagged", "coded"]].values.tolist() == [[False, True]]
    assert len(links) == 6


def run_filter(data, **overrides):
    links = ev.theme_links(data["records"], data["coded"])
    kwargs = {
        "roles": "all",
        "themes": "all",
        "year_from": DEFAULTS["year_from"],
        "year_to": DEFAULTS["year_to"],
        "min_evidence_level": DEFAULTS["min_evidence_level"],
        "default_year_from": DEFAULTS["year_from"],
        "default_year_to": DEFAULTS["year_to"],
        **overrides,
    }
    return list(selection.filter_records(data["records"], links, **kwargs)["id"])


def test_filter_defaults_keep_everything_including_undated(folder):
    assert run_filter(load(folder)) == ["alpha2020_na", "gamma2015_pa", "rcx2024_position", "undated_ecp"]


def test_filter_by_roles_and_themes(folder):
    data = load(folder)
    assert run_filter(data, roles=["acp"]) == ["gamma2015_pa"]
    assert run_filter(data, roles=["physician_associate", "ecp"]) == ["gamma2015_pa", "rcx2024_position", "undated_ecp"]
    assert run_filter(data, themes=["supervision"]) == ["alpha2020_na"]
    # a theme reached only through a coded finding counts
    assert run_filter(data, themes=["wellbeing"]) == ["undated_ecp"]


def test_filter_by_years_drops_undated_when_narrowed(folder):
    data = load(folder)
    assert run_filter(data, year_from=2016) == ["alpha2020_na", "rcx2024_position"]
    assert run_filter(data, year_to=2020) == ["alpha2020_na", "gamma2015_pa"]
    assert run_filter(data, year_from=2015, year_to=2015) == ["gamma2015_pa"]
    # a window wider than the default keeps undated records
    assert "undated_ecp" in run_filter(data, year_from=1900, year_to=2100)


def test_filter_by_minimum_evidence_level(folder):
    data = load(folder)
    assert run_filter(data, min_evidence_level="primary_research") == ["alpha2020_na"]
    assert run_filter(data, min_evidence_level="survey_of_opinion") == ["alpha2020_na", "gamma2015_pa"]
    assert run_filter(data, min_evidence_level="professional_body_view") == [
        "alpha2020_na",
        "gamma2015_pa",
        "rcx2024_position",
    ]
    assert selection.levels_at_or_above("review") == ["review"]
    with pytest.raises(InputError, match="unknown evidence level"):
        selection.levels_at_or_above("anecdote")


def test_basis_of_evidence_categories(folder):
    basis = basis_of_evidence(load(folder)["records"])
    assert basis["basis"].tolist() == ["abstract", "secondary_summary", "own_summary_or_page", "own_summary_or_page"]


def test_real_records_basis_counts_add_up():
    records = ev.load_records()
    basis = basis_of_evidence(records)["basis"].value_counts()
    assert basis.sum() == len(records)
    assert set(basis.index) <= set(labels.BASIS_CATEGORIES)
    # the records the shared README says rest on secondary summaries are among them
    secondary = set(basis_of_evidence(records).query("basis == 'secondary_summary'")["record_id"])
    assert {
        "vanson2018_traverse_na",
        "kessler2020_na_interim",
        "spilsbury2011_ap_sdo",
        "mann2018_cpgp_pilot",
    } <= secondary


def test_every_label_dictionary_covers_its_vocabulary():
    assert set(labels.LABELS["roles"]) == set(vocab.ROLES) | {"policy"}
    for name in ("study_types", "evidence_levels", "settings"):
        assert set(labels.LABELS[name]) == set(vocab.VOCABULARIES[name]), name
    assert set(labels.LABELS["exclusion_reasons"]) == set(vocab.EXCLUSION_REASONS)
    assert set(labels.LABELS["directions"]) == set(DIRECTIONS)
    assert labels.label("roles", "acp") == "Advanced clinical practitioner"
    with pytest.raises(KeyError):
        labels.label("roles", "surgeon")
