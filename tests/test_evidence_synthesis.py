"""Tables, figures and quoted numbers of the evidence chapter and the evidence table appendix,
on the small fixture (hand counts)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from skillmix.core import vocab
from skillmix.core.labels import BASIS_CATEGORIES, ROLE_LABELS
from skillmix.evidence import plots, prisma, selection, values
from skillmix.evidence import records as ev
from skillmix.evidence import records_table as et
from skillmix.evidence import synthesis as es
from skillmix.evidence.themes import theme_labels

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"


@pytest.fixture
def data():
    data = ev.load_all(FIXTURES)
    data["links"] = ev.theme_links(data["records"], data["coded"])
    return data


def test_evidence_map_counts(data):
    m = es.evidence_map(data["records"], data["links"]).set_index(["role", "theme"])["n_records"]
    assert m[("physician_associate", "patient_acceptance")] == 1
    assert m[("physician_associate", "regulation")] == 1
    assert m[("ecp", "wellbeing")] == 1  # via the coded finding
    assert m[("nursing_associate", "onboarding")] == 0
    assert m.sum() == 7  # 6 record-theme links, gamma has two roles
    assert "hca" not in m.index.get_level_values("role")  # roles without records left out


def test_evidence_map_respects_role_and_theme_selection(data):
    m = es.evidence_map(data["records"], data["links"], roles=["acp"], themes=["patient_acceptance", "regulation"])
    assert m.values.tolist() == [["acp", "regulation", 0], ["acp", "patient_acceptance", 1]]  # vocabulary order


def test_theme_summary_direction_counts(data):
    s = es.theme_summary(data["records"], data["coded"], data["links"]).set_index("theme")
    assert s.loc["role_design", ["n_records", "n_coded", "barrier", "enabler"]].tolist() == [1, 1, 1, 0]
    assert s.loc["patient_acceptance", "roles"] == "Physician associate, Advanced clinical practitioner"
    assert s.loc["onboarding", "n_records"] == 0


def test_periods_and_categories(data):
    assert es.periods(data["records"]) == ["2015-2019", "2020-2024", "no year"]
    p = es.by_period(data["records"], "evidence_level")
    assert p["n_records"].sum() == 4
    assert p.query("period == 'no year' and code == 'news_or_commentary'")["n_records"].item() == 1
    c = es.by_category(data["records"], "setting")
    assert c["n_records"].tolist() == [1, 1, 1, 1]
    assert c["share"].sum() == pytest.approx(1.0)


def test_tag_agreement(data):
    assert es.tag_agreement(data["links"], data["records"]) == {"both": 5, "tag_only": 0, "coded_only": 1, "links": 6}


def test_theme_findings_rows(data):
    f = es.theme_findings(data["records"], data["coded"], "patient_acceptance")
    assert f[["record_id", "roles", "direction"]].values.tolist() == [
        ["gamma2015_pa", "Physician associate, Advanced clinical practitioner", "enabler"]
    ]


def test_figures_return_their_data_and_name(data):
    labels = theme_labels(data["themes"])
    drawn = [
        plots.evidence_map_figure(data["records"], data["links"], labels),
        plots.period_figure(data["records"]),
        plots.setting_figure(data["records"]),
    ]
    for figure in drawn:
        assert isinstance(figure.data, pd.DataFrame) and len(figure.data)
        plt.close(figure.figure)
    assert [f.name for f in drawn] == ["evidence_map", "study_type_level_by_period", "settings"]
    timeline = pd.DataFrame(
        {
            "year": [2019, 2003],
            "date": ["2019-07", ""],
            "role": ["policy", "physician_associate"],
            "event": ["a", "b"],
            "source_url": ["https://x.org", "https://y.org"],
        }
    )
    events = es.timeline_events(timeline, roles=["acp"])
    assert events["role"].tolist() == ["policy"] and events["position"].tolist() == [2019 + 6.5 / 12]
    events = es.timeline_events(timeline)
    assert events["position"].tolist() == [2019 + 6.5 / 12, 2003.5]
    figure = plots.timeline_figure(events)
    plt.close(figure.figure)
    assert figure.name == "role_timeline" and figure.data["role"].tolist() == ["physician_associate", "policy"]
    assert figure.data.columns.tolist() == ["year", "date", "role", "role_label", "event", "source_url"]


# ---------------------------------------------------------------- one run of the chapter and its numbers

DEFAULTS = {
    "roles": "all",
    "themes": "all",
    "year_from": 1940,
    "year_to": 2026,
    "min_evidence_level": "news_or_commentary",
}


def select(data, parameters=DEFAULTS):
    return selection.select(data["records"], data["coded"], data["links"], parameters, DEFAULTS)


@pytest.fixture
def run(data):
    return select(data)


def test_default_selection_keeps_everything(run, data):
    assert run.records["id"].tolist() == data["records"]["id"].tolist()
    assert run.roles == list(vocab.ROLES) and run.themes == list(vocab.THEMES)
    assert len(run.coded) == 6 and len(run.links) == 6
    assert theme_labels(data["themes"])["role_design"] == "Role design"


def test_selection_with_parameters(data):
    p = {**DEFAULTS, "roles": "physician_associate", "themes": "patient_acceptance,regulation", "year_to": 2020}
    run = select(data, p)
    assert run.roles == ["physician_associate"] and run.themes == ["patient_acceptance", "regulation"]
    assert run.records["id"].tolist() == ["gamma2015_pa"]  # rcx2024 is after 2020
    assert run.coded["theme"].tolist() == ["patient_acceptance"]
    assert run.links["record_id"].tolist() == ["gamma2015_pa"]


def test_review_numbers_hand_counts(run, data):
    counts = prisma.counts(data["records"], data["exclusions"], run.records)
    n = values.review_numbers(data["records"], data["coded"], data["links"], run, counts)
    assert (n["n_identified"], n["n_duplicates"], n["n_screened"], n["n_excluded"], n["n_included"]) == (10, 2, 8, 4, 4)
    assert (n["n_not_assessed"], n["n_no_findings"], n["n_biblio_missing"]) == (1, 2, 0)
    assert (n["n_abstract"], n["n_secondary"], n["n_own_page"], n["share_secondary"]) == (1, 1, 2, 0.25)
    assert (n["n_undated"], n["n_untitled"], n["n_coded"], n["n_coded_records"]) == (1, 1, 6, 4)
    assert (n["n_coded_key_finding"], n["n_wellbeing_codes"]) == (6, 1)
    assert (n["n_links"], n["n_links_both"], n["n_links_tag_only"], n["n_links_coded_only"]) == (6, 5, 0, 1)
    assert (n["n_international"], n["n_international_review"], n["n_selected"], n["n_coded_sel"]) == (0, 0, 4, 6)
    assert (n["n_barrier"], n["n_enabler"], n["n_mixed"], n["n_neutral"], n["n_undated_sel"]) == (2, 2, 0, 2, 1)


def test_run_description(run, data):
    labels = theme_labels(data["themes"])
    d = values.run_description(DEFAULTS, DEFAULTS, run, labels)
    assert d["run_parameters"] == (
        "roles: all; themes: all; publication years 1940 to 2026; evidence levels kept: "
        "Review, Primary research, Survey of opinion, Policy or guidance, "
        "Professional body view and News or commentary"
    )
    assert d["undated_rule"].startswith("kept") and d["run_scope"].startswith("These are the default settings")
    p = {
        **DEFAULTS,
        "roles": "acp,ecp",
        "themes": "wellbeing",
        "year_from": 2000,
        "min_evidence_level": "primary_research",
    }
    d = values.run_description(p, DEFAULTS, select(data, p), labels)
    assert d["run_parameters"] == (
        "roles: Advanced clinical practitioner and Emergency care practitioner; "
        "themes: Wellbeing; publication years 2000 to 2026; evidence levels kept: "
        "Review and Primary research"
    )
    assert d["undated_rule"].startswith("left out")
    assert d["run_scope"].startswith("These settings differ from the defaults")


def test_listing_and_year_or():
    assert values.listing([]) == "none" and values.listing(["a"]) == "a"
    assert values.listing(iter(["a", "b", "c"])) == "a, b and c"
    assert es.year_or(pd.NA, "no year") == "no year" and es.year_or(2015.0, "x") == 2015


def test_basis_table(data):
    t = es.basis_table(data["records"])
    assert t.columns.tolist() == ["Basis", "What the findings were read in", "Records"]
    assert t.values.tolist() == [[k, v, n] for (k, v), n in zip(BASIS_CATEGORIES.items(), [1, 1, 2], strict=True)]


def test_role_numbers():
    by_role = pd.DataFrame(
        {"role": ["acp", "ecp", "hca", "policy"], "label": ["ACP", "ECP", "HCA", "Policy"], "n_records": [5, 7, 7, 2]}
    )
    assert values.role_numbers(by_role) == {"top_role": "ECP", "top_role_n": 7, "thin_roles": "Policy (2)"}
    assert values.role_numbers(by_role.assign(n_records=[5, 6, 7, 8]))["thin_roles"] == "none"


def test_period_and_setting_numbers(data):
    assert values.period_numbers(data["records"]) == {
        "n_recent": 2,
        "share_recent": 0.5,
        "n_primary_research": 1,
        "n_review": 0,
        "n_opinion_policy": 3,
    }
    settings = es.by_category(data["records"].iloc[:3], "setting")
    assert values.setting_numbers(settings) == {
        "n_setting_primary_care": 1,
        "n_setting_acute": 1,
        "n_setting_community": 0,
        "n_setting_mixed": 1,
    }


TIMELINE = pd.DataFrame({"year": [2003, 1990, 2019], "role": ["physician_associate", "ecp", "policy"]})


def test_timeline_numbers():
    assert values.timeline_numbers(TIMELINE) == {
        "n_timeline_events": 3,
        "timeline_first_year": 1990,
        "timeline_last_year": 2019,
    }


def test_role_years_table(data):
    by_role = es.records_by_role(data["records"])
    t = es.role_years_table(by_role, data["records"], TIMELINE).set_index("role")
    assert list(t.index) == ["nursing_associate", "physician_associate", "acp", "ecp"]  # vocabulary order
    assert t.loc["physician_associate"].tolist() == ["Physician associate", 2, 2003, 2015, 2024]
    assert t.loc["acp"].tolist() == ["Advanced clinical practitioner", 1, "none", 2015, 2015]
    assert t.loc["ecp"].tolist() == ["Emergency care practitioner", 1, 1990, "no year", "no year"]


def test_theme_numbers_and_summary_table(run, data):
    summary = es.theme_summary(run.records, run.coded, run.links)
    n = values.theme_numbers(summary)
    assert len(n) == 7 * len(summary)
    assert [
        n[f"patient_acceptance_{f}"] for f in ("n_records", "n_coded", "barrier", "enabler", "mixed", "neutral")
    ] == [1, 1, 0, 1, 0, 0]
    assert n["patient_acceptance_roles"] == "Physician associate, Advanced clinical practitioner"
    assert n["onboarding_roles"] == "none" and n["onboarding_n_records"] == 0
    table = es.theme_summary_table(summary, theme_labels(data["themes"]))
    assert table.columns.tolist() == [
        "Theme",
        "Records addressing it",
        "Records with coded findings",
        "Barrier",
        "Enabler",
        "Mixed",
        "Neutral",
        "Roles of the records with coded findings",
    ]
    assert table["Theme"].iloc[0] == "Role design"


def test_findings_table(run):
    t = es.findings_table(run.records, run.coded, "outcomes_quality")
    assert t.index.name == "Record" and t.columns.tolist() == ["Roles", "Year", "Direction", "Coded finding"]
    assert t.loc["undated_ecp"].tolist() == [
        "Emergency care practitioner",
        "no year",
        "Enabler",
        "Outcomes were similar.",
    ]
    assert es.findings_table(run.records, run.coded, "supervision")["Year"].tolist() == [2020]


def test_thin_evidence_numbers(data):
    exclusions = data["exclusions"].assign(
        note=lambda t: t["note"].where(t["candidate"] != "US study of something", "An Evidence Gap: nothing found")
    )
    n = values.thin_evidence_numbers(data["records"], exclusions)
    assert list(n) == [f"n_role_{r}" for r in values.THIN_ROLES] + [
        "n_aa_opinion_policy",
        "n_aa_research_review",
        "n_gap_log_rows",
    ]
    assert n["n_role_ecp"] == 1 and n["n_role_anaesthesia_associate"] == 0
    assert (n["n_aa_opinion_policy"], n["n_aa_research_review"], n["n_gap_log_rows"]) == (0, 0, 1)
    pa = data["records"].assign(roles=[["anaesthesia_associate"]] * 4)
    n = values.thin_evidence_numbers(pa, data["exclusions"])
    assert (n["n_role_anaesthesia_associate"], n["n_aa_opinion_policy"], n["n_aa_research_review"]) == (4, 3, 1)
    assert n["n_gap_log_rows"] == 0


# ---------------------------------------------------------------- the evidence table appendix


def test_evidence_table_numbers_and_csv(data):
    records = data["records"]
    assert et.table_numbers(records, data["exclusions"]) == {"n_records": 4, "n_with_doi": 1, "n_exclusions": 6}
    table = et.records_csv(records)
    assert "roles" not in table and "theme_tags" not in table
    assert table["link"].tolist() == [
        "https://doi.org/10.1000/alpha.1",
        "https://example.org/gamma",
        "http://example.org/rcx",
        "https://example.org/undated",
    ]
    assert table["read_in"].tolist() == ["abstract", "secondary_summary", "own_summary_or_page", "own_summary_or_page"]


def test_evidence_table_shown(data):
    shown = et.records_shown(data["records"]).set_index("Record")
    assert shown.loc["undated_ecp", ["Year", "Title"]].tolist() == ["no year", "(title not verified)"]
    assert shown.loc["gamma2015_pa", "Roles"] == "Physician associate; Advanced clinical practitioner"
    assert shown.loc["gamma2015_pa", "Findings read in"] == BASIS_CATEGORIES["secondary_summary"]
    assert shown.loc["alpha2020_na", ["Year", "Setting", "Study type", "Evidence level"]].tolist() == [
        2020,
        "Mixed or several",
        "Qualitative",
        "Primary research",
    ]
    log = et.exclusions_shown(data["exclusions"])
    assert log.columns.tolist() == ["Candidate", "Reason", "Note", "Seen at"]
    assert log["Reason"].iloc[2] == "Out of scope: country"
    assert et.labels_of("acp; unknown_code", ROLE_LABELS) == "Advanced clinical practitioner; unknown_code"
