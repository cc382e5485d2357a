"""Figures of general practice: staff mix, other clinicians per GP (ratios and mixed
combinations, each marked by its kind), ARRS against its targets (each returned with the rows
it plots as a `core.artifacts.Figure`)."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from ..core.artifacts import Figure
from ..core.style import OKABE_ITO as C
from ..core.style import WIDTH
from .arrs import ARRS_TARGET, ARRS_TARGETS
from .gp_combinations import combination_trace
from .gp_ratio import MIXED_BOTH, MIXED_DATES, MIXED_VINTAGES, RATIO, STUDY_RATIO, STUDY_RATIO_START
from .plot_style import (
    GP_SERIES,
    THOUSANDS,
    VINTAGE_LABEL,
    date_axis,
    is_approximate,
    legend_below,
    plot_points,
    style_axes,
    trace_csv,
)
from .qualifiers import qualified_row


def hollow_key(label: str, marker: str = "o", markersize: float | None = 8) -> Line2D:
    """A legend entry for what hollow markers mean: a white-filled grey marker, no line
    (`markersize` None: matplotlib's default size)."""
    return Line2D(
        [],
        [],
        color="grey",
        marker=marker,
        markerfacecolor="white",
        linestyle="none",
        markersize=markersize,
        label=label,
    )


# --------------------------------------------------------------------------- 1 staff mix


def study_ratio_lines(ax, start_label: str, end_label: str) -> None:
    """The study's "about 1" and "about 2.6" other clinicians per GP as dotted lines, each
    labelled just above it at the left."""
    for level, text in ((STUDY_RATIO_START, start_label), (STUDY_RATIO, end_label)):
        ax.axhline(level, color="grey", linestyle=":", linewidth=1.5)
        ax.annotate(
            text,
            xy=(0.01, level),
            xycoords=("axes fraction", "data"),
            xytext=(0, 4),
            textcoords="offset points",
            color="dimgrey",
        )


def gp_staff_mix(rows: pd.DataFrame, name: str = "gp_staff_mix") -> Figure:
    """GP-practice FTE by staff group over time; one line per series and vintage, each series
    with its own colour and marker (superseded vintages hollow and dashed), the legend below."""
    fig, ax = plt.subplots(figsize=(WIDTH, 5.6), layout="constrained")
    handles = []
    for series, (label, colour, marker) in GP_SERIES.items():
        part = rows[rows["series"] == series]
        for vintage, group in part.groupby("vintage", sort=True):
            group = group.sort_values("period_end")
            superseded = vintage.startswith("superseded")
            exact = group[~is_approximate(group)]
            ax.plot(
                group["period_end"],
                group["value"],
                linestyle="--" if superseded else "-",
                color=colour,
                linewidth=1.2 if superseded else 1.6,
                alpha=0.8,
                zorder=2,
            )
            plot_points(ax, exact["period_end"], exact["value"], colour, hollow=superseded, marker=marker)
            approx = group[is_approximate(group)]
            plot_points(ax, approx["period_end"], approx["value"], colour, hollow=True, marker="D")
            handles.append(
                Line2D(
                    [],
                    [],
                    color=colour,
                    linestyle="--" if superseded else "-",
                    marker=marker,
                    markerfacecolor="white" if superseded else colour,
                    label=label + VINTAGE_LABEL.get(vintage, f" ({vintage})"),
                )
            )
    if is_approximate(rows).any():
        handles.append(hollow_key("approximate published value", marker="D", markersize=None))
    style_axes(ax, "Staff in GP practices (England)", "FTE (37.5 hours a week)")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_ylim(bottom=0)
    date_axis(ax)
    legend_below(fig, handles)
    return Figure(fig, trace_csv(rows), name)


# --------------------------------------------------------------------------- 2 ratio

# The two series of one numerator fall close together (about 1.13 and 1.17 in January 2022), so
# they differ in hue (blue and vermillion), not only in shade, as well as in marker.
RATIO_STYLE = {
    ("nurses_dpc", "permanent"): (C[5], "o", "nurses + DPC per permanent GP"),
    ("nurses_dpc", "fully_qualified"): (C[4], "s", "nurses + DPC per fully qualified GP"),
    ("nurses_dpc_pcn", "permanent"): (C[1], "^", "nurses + DPC + PCN DPC per permanent GP"),
    ("nurses_dpc_pcn", "fully_qualified"): (C[6], "v", "nurses + DPC + PCN DPC per fully qualified GP"),
}
# Combinations that are not ratios: one marker per kind, offset six weeks to the right.
MIXED_STYLE = {
    MIXED_DATES: (C[7], "X"),
    MIXED_VINTAGES: (C[2], "P"),
    MIXED_BOTH: (C[0], "D"),
}


def ratio_over_time(combos: pd.DataFrame, name: str = "gp_ratio") -> Figure:
    """Other clinicians per GP: ratios (same vintage, same date) by definition, and the
    combinations that are not ratios, each marked by its kind."""
    fig, ax = plt.subplots(figsize=(WIDTH, 5.6), layout="constrained")
    handles = []
    same = combos[combos["kind"] == RATIO]
    for (num, den), group in same.groupby(["numerator", "denominator"], sort=True):
        colour, marker, label = RATIO_STYLE[(num, den)]
        dates = pd.to_datetime(group["period"])
        hollow = group["superseded"].to_numpy()
        plot_points(ax, dates[~hollow], group["ratio"][~hollow], colour, hollow=False, marker=marker, size=8)
        plot_points(ax, dates[hollow], group["ratio"][hollow], colour, hollow=True, marker=marker, size=8)
        handles.append(
            Line2D([], [], color=colour, marker=marker, linestyle="none", markersize=8, label=f"ratio: {label}")
        )
    if same["superseded"].any():
        handles.append(hollow_key("hollow: superseded vintage"))
    for kind, (colour, marker) in MIXED_STYLE.items():
        mixed = combos[combos["kind"] == kind]
        if mixed.empty:
            continue
        # Offset by six weeks so that they do not hide the ratios of the same date.
        ax.plot(
            pd.to_datetime(mixed["period"]) + pd.Timedelta(days=42),
            mixed["ratio"],
            linestyle="none",
            marker=marker,
            markersize=9,
            color=colour,
            alpha=0.8,
        )
        handles.append(
            Line2D([], [], color=colour, marker=marker, linestyle="none", markersize=9, label=f"{kind} (not a ratio)")
        )
    study_ratio_lines(ax, "study: about 1 (start of decade)", "study: about 2.6 (a decade later)")
    style_axes(ax, "Other clinicians per GP (England)", "other clinicians per GP (FTE / FTE)")
    ax.set_ylim(0, max(3.0, float(combos["ratio"].max()) * 1.1) if len(combos) else 3.0)
    ax.set_xlim(pd.Timestamp("2015-01-01"), pd.Timestamp("2025-12-31"))
    date_axis(ax)
    legend_below(fig, handles)
    return Figure(fig, combination_trace(combos), name)


# --------------------------------------------------------------------------- 3 ARRS

FAMILY_COLOUR = {"collated ARRS+NWRS": C[4], "NWRS only": C[0], "government statement": C[2], "other analysis": C[6]}
UNIT_MARKER = {"FTE added": "o", "FTE": "s", "roles or people": "^", "people added": "v"}


def arrs_vs_target(arrs: pd.DataFrame, name: str = "arrs_vs_target") -> Figure:
    """ARRS-era figures by measure family against the targets of the 2019 contract framework and
    of its February 2020 update (baseline March 2019), each line labelled with what set it.

    The labels are two lines each, above their lines at the left, where no figure of 2019-2021
    reaches: at the book's width and font size a one-line label would run into the 2023 points."""
    fig, ax = plt.subplots(figsize=(WIDTH, 6.0), layout="constrained")
    points = arrs[arrs["family"] != "target"]
    dodge = {family: pd.Timedelta(days=28 * (i - 1.5)) for i, family in enumerate(FAMILY_COLOUR)}
    for (family, unit), group in points.groupby(["family", "unit"], sort=True):
        # Families are offset by four weeks each so that figures of the same date stay visible.
        x = group["period_end"] + dodge[family]
        hollow = is_approximate(group).to_numpy()
        plot_points(
            ax,
            x[~hollow],
            group["value"][~hollow],
            FAMILY_COLOUR[family],
            hollow=False,
            marker=UNIT_MARKER[unit],
            size=8,
        )
        plot_points(
            ax, x[hollow], group["value"][hollow], FAMILY_COLOUR[family], hollow=True, marker=UNIT_MARKER[unit], size=8
        )
    target = arrs[(arrs["series"] == "arrs_target_additional_staff") & arrs["value"].isin(list(ARRS_TARGETS))]
    top = float(target["value"].max()) if len(target) else None
    for rec in target.itertuples(index=False):
        main = rec.value == ARRS_TARGET
        ax.axhline(rec.value, color="black" if main else "grey", linestyle="--", linewidth=1.5 if main else 1)
        # At the left, where no figure of 2019-2021 reaches, wrapped short (labels never cross
        # data): the highest target's label above its line, the others below theirs.
        above = rec.value == top
        ax.annotate(
            f"{rec.target_set_by}:\n" + textwrap.fill(f"{qualified_row(rec)} by 2023/24", 20),
            xy=(0.01, rec.value),
            xycoords=("axes fraction", "data"),
            xytext=(0, 3 if above else -3),
            textcoords="offset points",
            va="bottom" if above else "top",
            color="black" if main else "dimgrey",
        )
    # Two columns: the measure families and the hollow key, then the units.
    handles = [
        Line2D([], [], color=colour, marker="o", linestyle="none", markersize=8, label=family)
        for family, colour in FAMILY_COLOUR.items()
        if family in set(points["family"])
    ]
    handles.append(hollow_key("hollow: approximate"))
    handles += [
        Line2D([], [], color="grey", marker=marker, linestyle="none", markersize=8, label=f"unit: {unit}")
        for unit, marker in UNIT_MARKER.items()
        if unit in set(points["unit"])
    ]
    style_axes(
        ax, "ARRS-era recruitment (England):\ndifferent measures, not comparable", "staff (FTE, FTE added or roles)"
    )
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_ylim(0, max(40000, float(points["value"].max()) * 1.08))
    ax.set_xlim(pd.Timestamp("2019-01-01"), pd.Timestamp("2025-12-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator(1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    legend_below(fig, handles, ncol=2)
    return Figure(fig, trace_csv(arrs, extra=("family", "unit", "share_of_target", "target_set_by")), name)
