"""The workforce chapter's policy facts: the ARRS targets of 2019 and 2020, the 2025/26 ARRS
changes, the Long Term Workforce Plan (2023) ambitions as superseded benchmarks, and the
current names of roles, in the data, the figures and the prose."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

from skillmix.core import style, timeline
from skillmix.core.paths import ROOT
from skillmix.workforce import arrs, gp_plots, numbers
from skillmix.workforce import published as pub
from skillmix.workforce.sources import policy_events

NOTEBOOK = ROOT / "chapters" / "01_workforce.ipynb"


@pytest.fixture(scope="module")
def published():
    return pub.load_published()


@pytest.fixture(scope="module")
def prose() -> list[str]:
    return [cell.source for cell in nbformat.read(NOTEBOOK, 4).cells if cell.cell_type == "markdown"]


def _section(prose, heading):
    return next(text for text in prose if text.startswith(heading))


# ---------------------------------------------------------------- ARRS targets


def test_arrs_targets_come_from_the_data(published):
    progress = arrs.arrs_progress(published)
    targets = progress[progress["series"] == "arrs_target_additional_staff"].set_index("value")
    assert targets.loc[26000, "target_set_by"] == "February 2020 update"
    assert targets.loc[20000, "target_set_by"] == "2019 contract"
    assert (
        targets.loc[20000, "source_url"] == "https://parallelparliament.co.uk/question/242795/primary-health-care-staff"
    )
    assert "up to an estimated 20,000" in targets.loc[20000, "note"]
    assert "February 2020" in targets.loc[26000, "note"]
    values = numbers.arrs_numbers(progress)
    assert (values["arrs_target"], values["arrs_target_2019"]) == ("26,000", "an estimated 20,000")
    assert "question/242795" in values["arrs_target_2019_source"]


def test_targets_are_kept_whatever_the_window(published):
    progress = arrs.arrs_progress(published, period_from="2016-01-01", period_to="2021-12-31")
    assert set(progress.loc[progress["family"] == "target", "value"]) >= {20000.0, 26000.0}
    assert progress.loc[progress["family"] != "target", "period_end"].max() <= np.datetime64("2021-12-31")


def test_a_missing_target_row_is_refused(published):
    without = published[~((published["series"] == "arrs_target_additional_staff") & (published["value"] == 20000))]
    with pytest.raises(Exception, match="20,000 is missing"):
        arrs.arrs_progress(without)


def test_arrs_prose_dates_each_target(prose):
    text = _section(prose, "## The Additional Roles Reimbursement Scheme")
    assert "2019 GP contract set a target" not in text
    first = text.split(". ")[0]
    assert "January 2019" in first and "{glue:text}`arrs_target_2019`" in first and "arrs_target`" not in first
    assert re.search(r"February 2020 expanded the scheme to\s+\{glue:text\}`arrs_target`", text)
    caption = _section(prose, "```{figure} outputs/workforce/arrs_vs_target.svg")
    assert "February 2020" in caption and "{glue:text}`arrs_target_2019`" in caption
    assert "26,000" not in caption and "20,000" not in caption  # numbers are glued, not typed


@pytest.fixture
def book_style():
    """The book's plotting style (`core.style.setup`), as published; undone after the test."""
    with plt.rc_context():
        style.setup()
        yield


def test_arrs_target_labels_name_their_year_and_cross_no_data(published, book_style):
    figure = gp_plots.arrs_vs_target(arrs.arrs_progress(published))
    fig, ax = figure.figure, figure.figure.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = {" ".join(text.get_text().split()): text for text in ax.texts}  # labels are wrapped
    assert set(labels) == {"February 2020 update: 26,000 by 2023/24", "2019 contract: an estimated 20,000 by 2023/24"}
    points = np.concatenate(
        [ax.transData.transform(line.get_xydata()) for line in ax.lines if line.get_marker() not in ("None", None, "")]
    )
    for text in labels.values():
        box = text.get_window_extent(renderer).expanded(1.0, 1.0).padded(6)
        inside = (
            (points[:, 0] >= box.x0) & (points[:, 0] <= box.x1) & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)
        )
        assert not inside.any(), text.get_text()
    assert set(figure.data["target_set_by"].dropna()) == {"February 2020 update", "2019 contract"}
    plt.close(fig)


# ---------------------------------------------------------------- 2025/26 ARRS, plans: the role timeline

RESEARCHED_URLS = {
    "https://www.hilldickinson.com/our-view/articles/nhs-england-has-published-its-changes-to-the-gp-contract-for-202526",
    "https://pulsetoday.co.uk/views/2025-26-contract/dr-amanda-doyle-extensive-talks-were-held-to-find-a-fair-gp-contract-deal",
    "https://managementinpractice.com/news/gp-contract-deal-for-2025-26-sees-rise-to-global-sum-by-almost-800m",
    "https://www.nhsemployers.org/news/understanding-workforce-implications-ten-year-health-plan",
    "https://www.gov.uk/government/calls-for-evidence/10-year-workforce-plan/10-year-workforce-plan-call-for-evidence-document",
}


def test_timeline_has_the_2025_events():
    events = timeline.load_timeline()
    recent = events[events["date"].isin(["2025-02-28", "2025-07-03", "2025-09-26"])]
    assert set(recent["source_url"]) == RESEARCHED_URLS
    arrs_2025 = " ".join(recent.loc[recent["role"] == "arrs", "event"])
    for fact in ("funding pots", "permanently", "practice nurses", "no cap on the number or type"):
        assert fact in arrs_2025
    assert recent.loc[recent["date"] == "2025-07-03", "event"].str.contains("10 Year Health Plan").all()
    assert recent.loc[recent["date"] == "2025-09-26", "event"].str.contains("10 Year Workforce Plan").all()
    plans = policy_events(roles=("policy",), since="2023-06")
    assert plans["date"].tolist() == ["2023-06-30", "2025-07-03", "2025-09-26"]


def test_arrs_2025_26_prose_keeps_the_limits(prose):
    text = next(t for t in prose if t.startswith("The scheme's rules changed again with the 2025/26 GP contract"))
    for fact in ("28 February 2025", "funding pots", "GPs permanently", "general practice nurses", "caps"):
        assert fact in text
    assert "two years of their Certificate of Completion" in text and "2026/27" in text
    assert "previous 12 months" in text


# ---------------------------------------------------------------- Long Term Workforce Plan ambitions


def test_ltwp_rows_are_marked_as_2023_ambitions(published):
    ltwp = published[published["series"].str.match(r"ltwp_(target|projected)_")]
    assert len(ltwp) == 19
    assert ltwp["note"].str.contains("10 Year Health Plan \\(July 2025\\) departed").all()
    assert ltwp["note"].str.contains("expected in spring 2026").all()
    assert ltwp["note"].str.contains("not confirmed in the sources seen").all()


def test_ltwp_prose_and_caption_say_2023(prose):
    text = _section(prose, "## New roles against the Long Term Workforce Plan (2023)")
    assert "the 2023 plan's ambitions" in text and "10 Year Health Plan (July 2025)" in text
    assert "expected in spring 2026" in text and "could not be confirmed" in text
    caption = _section(prose, "```{figure} outputs/workforce/new_roles_vs_ltwp.svg")
    assert "from which the 10 Year Health Plan (July 2025) departed" in caption


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    "current, former",
    [
        ("physician assistant", "physician associate"),
        ("physician assistant in anaesthesia", "anaesthesia associate"),
    ],
)
def test_current_names_come_first_with_the_former_beside(prose, current, former):
    """At its first mention a role has its current name, with the former name close by."""
    text = "\n".join(prose).lower()
    first_current, first_former = text.find(current), text.find(former)
    assert 0 < first_current < first_former <= first_current + 400


def test_physician_assistants_first_named_with_formerly(prose):
    text = "\n".join(prose)
    first = text.find("physician associate")
    assert text[first - len("(formerly ") : first] == "(formerly "
