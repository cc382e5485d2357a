"""The figure of the GP-practice mix over time: staff-group shares and other clinicians per GP,
each from figures of one date and one vintage, with the February 2022 revision marked as a
series break (points are joined only within a vintage)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from ..core.artifacts import Figure
from ..core.style import WIDTH
from .gp_plots import RATIO_STYLE, hollow_key, study_ratio_lines
from .mix_over_time import SERIES_BREAK, STAFF_GROUPS
from .plot_style import GP_SERIES, date_axis, legend_below, plot_points, style_axes

# Colour and marker of each staff group: those of the staff-mix figure (GPs as fully qualified GPs).
GROUP_STYLE = {
    group: GP_SERIES[series][1:]
    for group, series in zip(
        STAFF_GROUPS, ("gp_fully_qualified_fte", "gp_nurses_fte", "gp_dpc_fte", "gp_admin_fte"), strict=True
    )
}
BREAK_LABEL = "vintage break (Feb 2022 revision)"
# Share points of one date are drawn a few weeks apart, group by group, so that none hides
# another (their CSV has the exact dates).
DODGE_DAYS = 28
# The figure's CSV: one row a plotted point.
MIX_COLUMNS = [
    "panel",
    "period",
    "vintage",
    "kind",
    "what",
    "value",
    "numerator_fte",
    "denominator_fte",
    "rows",
    "source_urls",
]


def _by_vintage(ax, points: pd.DataFrame, value: str, colour, marker, dodge_days: float = 0) -> None:
    """Points of one measure, joined by a line only within a vintage (superseded: hollow, dashed)."""
    for vintage, group in points.groupby("vintage", sort=True):
        group = group.sort_values("period")
        superseded = vintage.startswith("superseded")
        dates = pd.to_datetime(group["period"]) + pd.Timedelta(days=dodge_days)
        ax.plot(dates, group[value], linestyle="--" if superseded else "-", color=colour, linewidth=1.4)
        plot_points(ax, dates, group[value], colour, hollow=superseded, marker=marker, size=8)


def break_position(*frames: pd.DataFrame) -> pd.Timestamp:
    """Where the vintage break is drawn: halfway between the latest superseded and the earliest
    current reference date plotted (the revision recalculated every date back to September
    2015, so the break is between vintages, not at a reference date); `SERIES_BREAK` if the
    frames do not have both."""
    points = pd.concat([f[["period", "vintage"]] for f in frames])
    dates = pd.to_datetime(points["period"])
    superseded = points["vintage"].str.startswith("superseded")
    if not superseded.any() or superseded.all():
        return SERIES_BREAK
    return dates[superseded].max() + (dates[~superseded].min() - dates[superseded].max()) / 2


def _csv(shares: pd.DataFrame, ratios: pd.DataFrame) -> pd.DataFrame:
    share_rows = shares.assign(
        panel="share of the four staff groups (FTE)",
        what=shares["staff_group"],
        value=shares["share"],
        numerator_fte=shares["fte"],
        denominator_fte=shares["total_fte"],
    )
    labels = [RATIO_STYLE[(n, d)][2] for n, d in zip(ratios["numerator"], ratios["denominator"], strict=True)]
    ratio_rows = ratios.assign(
        panel="other clinicians per GP (FTE / FTE)",
        what=labels,
        value=ratios["ratio"],
        rows=ratios["parts"] + " / " + ratios["denominator_row"],
    )
    return pd.concat([share_rows[MIX_COLUMNS], ratio_rows[MIX_COLUMNS]], ignore_index=True)


def mix_over_time(shares: pd.DataFrame, ratios: pd.DataFrame, name: str = "gp_mix_over_time") -> Figure:
    """Two panels: each staff group's share of GP-practice FTE, and other clinicians per GP by
    definition; hollow markers and dashed lines for the superseded vintage, the series break
    as a dash-dot vertical line."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(WIDTH, 9.0), sharex=True, layout="constrained")
    handles = []
    for i, (group, (colour, marker)) in enumerate(GROUP_STYLE.items()):
        _by_vintage(top, shares[shares["staff_group"] == group], "share", colour, marker, DODGE_DAYS * (2 * i - 3) / 2)
        handles.append(Line2D([], [], color=colour, marker=marker, markersize=8, label=f"share: {group}"))
    for (num, den), group in ratios.groupby(["numerator", "denominator"], sort=True):
        colour, marker, label = RATIO_STYLE[(num, den)]
        _by_vintage(bottom, group, "ratio", colour, marker)
        handles.append(Line2D([], [], color=colour, marker=marker, markersize=8, label=label))
    study_ratio_lines(bottom, "study: about 1", "study: about 2.6")
    at = break_position(shares, ratios)
    for ax in (top, bottom):
        ax.axvline(at, color="dimgrey", linestyle="-.", linewidth=1.5)
    handles += [
        hollow_key("hollow, dashed: superseded (first releases)"),
        Line2D([], [], color="dimgrey", linestyle="-.", linewidth=1.5, label=BREAK_LABEL),
    ]
    style_axes(top, "Share of GP-practice FTE by staff group", "share of FTE")
    top.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    top.set_ylim(0, 0.6)
    style_axes(bottom, "Other clinicians per GP", "nurses + DPC per GP (FTE)")
    bottom.set_ylim(0, 3.0)
    bottom.set_xlim(pd.Timestamp("2015-01-01"), pd.Timestamp("2025-12-31"))
    date_axis(bottom)
    legend_below(fig, handles)
    return Figure(fig, _csv(shares, ratios), name)
