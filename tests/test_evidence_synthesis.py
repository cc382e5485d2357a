"""Tables and figures of the evidence chapter, on the small fixture (hand counts)."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from skillmix import evidence as ev
from skillmix import evidence_plots as ep
from skillmix import evidence_synthesis as es

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
        ["gamma2015_pa", "Physician associate, Advanced clinical practitioner", "enabler"]]


def test_figures_return_their_data(data):
    labels = dict(zip(data["themes"]["theme"], data["themes"]["label"]))
    for fig, frame in (ep.evidence_map_figure(data["records"], data["links"], labels),
                       ep.period_figure(data["records"]), ep.setting_figure(data["records"])):
        assert isinstance(frame, pd.DataFrame) and len(frame)
        plt.close(fig)
    timeline = pd.DataFrame({"year": [2003, 2019], "date": ["", "2019-07"], "role": ["physician_associate", "policy"],
                             "event": ["a", "b"], "source_url": ["https://x.org", "https://y.org"]})
    fig, frame = ep.timeline_figure(timeline, roles=["acp"])
    plt.close(fig)
    assert frame["role"].tolist() == ["policy"]
