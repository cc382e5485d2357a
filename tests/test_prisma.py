"""PRISMA 2020 counts against hand counts of the small fixture, and the diagram."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from skillmix.evidence import plots, prisma
from skillmix.evidence import records as ev

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"


@pytest.fixture
def data():
    return ev.load_all(FIXTURES)


def test_counts_equal_hand_counts(data):
    # fixture: 4 records; log of 6 = 2 duplicates, 1 out of scope (country), 2 no findings, 1 not assessed
    c = prisma.counts(data["records"], data["exclusions"])
    assert (c.identified, c.duplicates, c.screened, c.included) == (10, 2, 8, 4)
    assert c.excluded == {
        "no_findings_visible": 2,
        "out_of_scope_country": 1,
        "out_of_scope_topic": 0,
        "bibliographic_details_missing": 0,
        "superseded": 0,
        "not_assessed": 1,
    }
    assert c.excluded_total == 4
    assert c.outside_run == 0


def test_counts_with_a_run_subset(data):
    c = prisma.counts(data["records"], data["exclusions"], data["records"].iloc[:1])
    assert (c.outside_run, c.in_run) == (3, 1)
    table = c.table()
    assert table.loc[table["stage"] == "in_run", "n"].item() == 1


def test_check_catches_counts_that_do_not_add_up():
    bad = prisma.PrismaCounts(identified=10, duplicates=2, screened=7, excluded={"superseded": 3}, included=4)
    with pytest.raises(ValueError, match=r"identified 10 != duplicates 2 \+ screened 7"):
        bad.check()
    bad = prisma.PrismaCounts(identified=10, duplicates=2, screened=8, excluded={"superseded": 3}, included=4)
    with pytest.raises(ValueError, match=r"screened 8 != excluded 3 \+ included 4"):
        bad.check()


def test_real_counts_add_up():
    data = ev.load_all()
    c = prisma.counts(data["records"], data["exclusions"])
    reasons = data["exclusions"]["reason"].value_counts()
    assert c.identified == len(data["records"]) + len(data["exclusions"])
    assert c.duplicates == reasons["duplicate"]
    assert c.excluded_total + c.duplicates == len(data["exclusions"])
    assert c.included == len(data["records"])


def test_diagram_shows_the_computed_counts(data):
    c = prisma.counts(data["records"], data["exclusions"])
    drawn = plots.prisma_flow(c)
    fig = drawn.figure
    assert drawn.name == "prisma_flow" and drawn.data.equals(c.table())
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)
    for n in ("n = 10", "n = 2)", "n = 8", "n = 4", "Records excluded (n = 4)"):
        assert n in texts
    assert "Superseded" not in texts  # reasons with no record are left out
    assert "this run" not in texts


def test_diagram_adds_the_run_box_when_records_are_left_out(data):
    c = prisma.counts(data["records"], data["exclusions"], data["records"].iloc[:1])
    fig = plots.prisma_flow(c).figure
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)
    assert "Records in this run's synthesis (n = 1)" in " ".join(texts.split())  # wrapped to its box
