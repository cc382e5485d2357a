"""The mix over time: shares and ratios from same-date, same-vintage rows only, never joined
across the vintage break; every curated row has a source URL."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from skillmix.workforce.gp_ratio import RATIO
from skillmix.workforce.mix_over_time import STAFF_GROUPS, dates_held, ratios_over_time, staff_shares
from skillmix.workforce.mix_plots import break_position, mix_over_time
from skillmix.workforce.published import load_published


@pytest.fixture(scope="module")
def published():
    return load_published()


def test_shares_come_from_one_date_and_one_vintage(published):
    shares = staff_shares(published)
    assert len(shares) and shares["kind"].eq(RATIO).all()
    rows = published.set_index("row")
    for _, one in shares.groupby(["period", "vintage"]):
        assert set(one["staff_group"]) == set(STAFF_GROUPS)
        used = [int(n) for n in one["rows"].iloc[0].split("(row ")[1:] for n in [n.split(")")[0]]]
        assert rows.loc[used, "vintage"].nunique() == 1
        assert rows.loc[used, "period_end"].nunique() == 1
        assert one["share"].sum() == pytest.approx(1.0)


def test_hand_computed_share_january_2022(published):
    """31 January 2022, current: GPs 36,009, nurses 16,501, DPC 14,993, admin 71,639 FTE."""
    shares = staff_shares(published)
    one = shares[(shares["period"] == "2022-01-31") & (shares["vintage"] == "current")].set_index("staff_group")
    assert one.loc["nurses", "total_fte"] == 36009 + 16501 + 14993 + 71639
    assert one.loc["nurses", "share"] == pytest.approx(16501 / 139142)
    assert one.loc["GPs", "share"] == pytest.approx(0.2588, abs=1e-4)


def test_ratios_are_ratios_of_every_vintage(published):
    ratios = ratios_over_time(published)
    assert ratios["kind"].eq(RATIO).all()
    assert {"current", "superseded_original"} <= set(ratios["vintage"])


def test_no_line_joins_points_across_the_vintage_break(published):
    shares, ratios = staff_shares(published), ratios_over_time(published)
    figure = mix_over_time(shares, ratios)
    at = break_position(shares, ratios)
    try:
        for ax in figure.figure.axes:
            for line in ax.get_lines():
                x = pd.to_datetime(pd.Series(line.get_xdata()))
                if len(x) < 2 or line.get_linestyle() == "-." or x.nunique() < 2:
                    continue  # markers only, the break itself, or a single date
                assert (x < at).all() or (x > at).all(), "a line crosses the vintage break"
    finally:
        plt.close(figure.figure)
    assert set(figure.data["vintage"]) >= {"current", "superseded_original"}


def test_every_row_has_a_source_url(published):
    assert published["source_url"].str.match(r"https?://").all()


def test_dates_held_counts_distinct_dates(published):
    held = dates_held(published)
    nurses = held[(held["staff_group"] == "nurses") & (held["vintage"] == "current")].iloc[0]
    assert nurses["dates"] == 2 and nurses["first"] == "2022-01-31" and nurses["last"] == "2023-07-31"
