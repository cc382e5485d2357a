"""Figures of the workforce chapter, each drawn and returned with the rows it plots
(`core.artifacts.Figure`; the publishing layer saves them as PNG beside a CSV).

Conventions: Okabe-Ito colours (`skillmix.core.style`); superseded vintages drawn with hollow
markers and dashed lines and labelled "(superseded)"; approximate published values
("about", "more than" ...) drawn with hollow markers; every CSV carries series, period,
vintage, value, qualifier, source_url and the row of the curated file.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MultipleLocator, PercentFormatter

from ..core.artifacts import Figure
from ..core.style import OKABE_ITO as C
from .arrs import ARRS_TARGET
from .gp_practice import PRACTICE_CSV_VINTAGE
from .gp_ratio import STUDY_RATIO, STUDY_RATIO_START
from .published import trace_columns

THOUSANDS = FuncFormatter(lambda v, _: f"{v:,.0f}")
# Qualifiers meaning the published value is not exact ("derived" values are exact sums).
APPROXIMATE = ("about", "more than", "almost", "just over", "estimate")


def _approx(rows: pd.DataFrame) -> pd.Series:
    return rows["qualifier"].isin(APPROXIMATE)


GP_SERIES = {
    "gp_fully_qualified_fte": ("fully qualified GPs (incl. locums)", C[4]),
    "gp_permanent_fte": ("fully qualified permanent GPs", C[1]),
    "gp_nurses_fte": ("nurses", C[2]),
    "gp_dpc_fte": ("direct patient care", C[0]),
    "gp_admin_fte": ("admin/non-clinical", C[6]),
}
VINTAGE_LABEL = {
    "current": "",
    "superseded_original": " (superseded: original)",
    "superseded_aug2021": " (superseded: Aug 2021)",
    PRACTICE_CSV_VINTAGE: " (practice CSV sum)",
    "not_applicable": "",
}


def _style(ax, title, ylabel):
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.grid(True, alpha=0.4)


def _date_axis(ax):
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _points(ax, x, y, colour, *, hollow, marker="o", size=6, label=None, linestyle="none", zorder=3):
    ax.plot(
        x,
        y,
        marker=marker,
        linestyle=linestyle,
        color=colour,
        markersize=size,
        label=label,
        markerfacecolor="white" if hollow else colour,
        markeredgewidth=1.5,
        zorder=zorder,
    )


def _csv(rows: pd.DataFrame, extra=()) -> pd.DataFrame:
    out = trace_columns(rows)
    for column in extra:
        out[column] = rows[column].to_numpy()
    return out


# --------------------------------------------------------------------------- 1 staff mix


def gp_staff_mix(rows: pd.DataFrame, name: str = "gp_staff_mix") -> Figure:
    """GP-practice FTE by staff group over time; one line per series and vintage."""
    fig, ax = plt.subplots(figsize=(9, 5.2))
    handles = []
    for series, (label, colour) in GP_SERIES.items():
        part = rows[rows["series"] == series]
        for vintage, group in part.groupby("vintage", sort=True):
            group = group.sort_values("period_end")
            superseded = vintage.startswith("superseded")
            exact = group[~_approx(group)]
            ax.plot(
                group["period_end"],
                group["value"],
                linestyle="--" if superseded else "-",
                color=colour,
                linewidth=1.2 if superseded else 2,
                alpha=0.8,
                zorder=2,
            )
            _points(
                ax, exact["period_end"], exact["value"], colour, hollow=superseded, marker="s" if superseded else "o"
            )
            approx = group[_approx(group)]
            _points(ax, approx["period_end"], approx["value"], colour, hollow=True, marker="D")
            handles.append(
                Line2D(
                    [],
                    [],
                    color=colour,
                    linestyle="--" if superseded else "-",
                    marker="s" if superseded else "o",
                    markerfacecolor="white" if superseded else colour,
                    label=label + VINTAGE_LABEL.get(vintage, f" ({vintage})"),
                )
            )
    if _approx(rows).any():
        handles.append(
            Line2D(
                [],
                [],
                color="grey",
                linestyle="none",
                marker="D",
                markerfacecolor="white",
                label="approximate published value",
            )
        )
    _style(ax, "Staff in GP practices (England), full-time equivalent", "FTE (37.5 hours a week)")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_ylim(bottom=0)
    _date_axis(ax)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return Figure(fig, _csv(rows), name)


# --------------------------------------------------------------------------- 2 ratio

RATIO_STYLE = {
    ("nurses_dpc", "permanent"): (C[1], "o", "nurses + DPC per permanent GP"),
    ("nurses_dpc", "fully_qualified"): (C[4], "s", "nurses + DPC per fully qualified GP"),
    ("nurses_dpc_pcn", "permanent"): (C[5], "^", "nurses + DPC + PCN DPC per permanent GP"),
    ("nurses_dpc_pcn", "fully_qualified"): (C[6], "v", "nurses + DPC + PCN DPC per fully qualified GP"),
}


def ratio_over_time(combos: pd.DataFrame, name: str = "gp_ratio") -> Figure:
    """Other clinicians per GP: same-vintage ratios by definition, and flagged mixed combinations."""
    fig, ax = plt.subplots(figsize=(9, 5.2))
    handles = []
    same = combos[combos["kind"] == "same vintage, same date"]
    for (num, den), group in same.groupby(["numerator", "denominator"], sort=True):
        colour, marker, label = RATIO_STYLE[(num, den)]
        dates = pd.to_datetime(group["period"])
        hollow = group["superseded"].to_numpy()
        _points(ax, dates[~hollow], group["ratio"][~hollow], colour, hollow=False, marker=marker, size=8)
        _points(ax, dates[hollow], group["ratio"][hollow], colour, hollow=True, marker=marker, size=8)
        handles.append(Line2D([], [], color=colour, marker=marker, linestyle="none", markersize=8, label=label))
    if same["superseded"].any():
        handles.append(
            Line2D(
                [],
                [],
                color="grey",
                marker="o",
                markerfacecolor="white",
                linestyle="none",
                markersize=8,
                label="hollow: superseded vintage",
            )
        )
    mixed = combos[combos["kind"] != "same vintage, same date"]
    if len(mixed):
        # Offset by six weeks so that they do not hide same-date, same-vintage points.
        ax.plot(
            pd.to_datetime(mixed["period"]) + pd.Timedelta(days=42),
            mixed["ratio"],
            linestyle="none",
            marker="X",
            markersize=9,
            color=C[7],
            alpha=0.7,
        )
        handles.append(
            Line2D(
                [],
                [],
                color=C[7],
                marker="X",
                linestyle="none",
                markersize=9,
                label="mixes vintages, dates or measures (see table)",
            )
        )
    for level, text in (
        (STUDY_RATIO_START, "study: about 1 (start of decade)"),
        (STUDY_RATIO, "study: about 2.6 (a decade later)"),
    ):
        ax.axhline(level, color="grey", linestyle=":", linewidth=1.5)
        ax.annotate(
            text,
            xy=(0.01, level),
            xycoords=("axes fraction", "data"),
            xytext=(0, 4),
            textcoords="offset points",
            fontsize=9,
            color="dimgrey",
        )
    _style(ax, "Other clinicians per GP in general practice (England), FTE ratio", "ratio (FTE / FTE)")
    ax.set_ylim(0, max(3.0, float(combos["ratio"].max()) * 1.1) if len(combos) else 3.0)
    ax.set_xlim(pd.Timestamp("2015-01-01"), pd.Timestamp("2025-12-31"))
    _date_axis(ax)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    data = combos[
        [
            "kind",
            "numerator_label",
            "denominator_label",
            "period",
            "numerator_periods",
            "vintage",
            "numerator_fte",
            "denominator_fte",
            "ratio",
            "gap_to_study",
            "parts",
            "denominator_row",
            "source_urls",
        ]
    ]
    return Figure(fig, data, name)


# --------------------------------------------------------------------------- 3 ARRS

FAMILY_COLOUR = {"collated ARRS+NWRS": C[4], "NWRS only": C[0], "government statement": C[2], "other analysis": C[6]}
UNIT_MARKER = {"FTE added": "o", "FTE": "s", "roles or people": "^", "people added": "v"}


def arrs_vs_target(arrs: pd.DataFrame, name: str = "arrs_vs_target") -> Figure:
    """ARRS-era figures by measure family against the 26,000 target (baseline March 2019)."""
    fig, ax = plt.subplots(figsize=(9, 5.4))
    points = arrs[arrs["family"] != "target"]
    dodge = {family: pd.Timedelta(days=28 * (i - 1.5)) for i, family in enumerate(FAMILY_COLOUR)}
    for (family, unit), group in points.groupby(["family", "unit"], sort=True):
        # Families are offset by four weeks each so that figures of the same date stay visible.
        x = group["period_end"] + dodge[family]
        hollow = _approx(group).to_numpy()
        _points(
            ax,
            x[~hollow],
            group["value"][~hollow],
            FAMILY_COLOUR[family],
            hollow=False,
            marker=UNIT_MARKER[unit],
            size=8,
        )
        _points(
            ax, x[hollow], group["value"][hollow], FAMILY_COLOUR[family], hollow=True, marker=UNIT_MARKER[unit], size=8
        )
    target = arrs[arrs["series"] == "arrs_target_additional_staff"]
    for rec in target.itertuples(index=False):
        main = rec.value == ARRS_TARGET
        ax.axhline(rec.value, color="black" if main else "grey", linestyle="--", linewidth=1.5 if main else 1)
        text = (
            f"target: {rec.value:,.0f} additional staff by March 2024 (baseline March 2019)"
            if main
            else f"earlier aim: about {rec.value:,.0f} by 2023/24"
        )
        ax.annotate(
            text,
            xy=(0.01, rec.value),
            xycoords=("axes fraction", "data"),
            xytext=(0, -4),
            textcoords="offset points",
            va="top",
            fontsize=9,
        )
    handles = [
        Line2D([], [], color=colour, marker="o", linestyle="none", markersize=8, label=family)
        for family, colour in FAMILY_COLOUR.items()
        if family in set(points["family"])
    ]
    handles += [
        Line2D([], [], color="grey", marker=marker, linestyle="none", markersize=8, label=f"unit: {unit}")
        for unit, marker in UNIT_MARKER.items()
        if unit in set(points["unit"])
    ]
    handles.append(
        Line2D(
            [],
            [],
            color="grey",
            marker="o",
            markerfacecolor="white",
            linestyle="none",
            markersize=8,
            label="hollow: approximate ('about', 'more than', estimate)",
        )
    )
    _style(
        ax,
        "ARRS-era recruitment in primary care (England): different measures, not comparable",
        "staff (FTE, FTE added or roles)",
    )
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_ylim(0, max(40000, float(points["value"].max()) * 1.08))
    ax.set_xlim(pd.Timestamp("2019-01-01"), pd.Timestamp("2025-12-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator(1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return Figure(fig, _csv(arrs, extra=("family", "unit", "share_of_target")), name)


# --------------------------------------------------------------------------- 4 new roles


def new_roles_vs_ltwp(points: pd.DataFrame, name: str = "new_roles_vs_ltwp") -> Figure:
    """Observed counts of three roles and their Long Term Workforce Plan ambitions (one panel each)."""
    roles = list(dict.fromkeys(points["role"]))
    fig, axes = plt.subplots(1, len(roles), figsize=(11, 4.6), sharex=True)
    for ax, role, colour in zip(np.atleast_1d(axes), roles, (C[2], C[4], C[5])):
        part = points[points["role"] == role]
        obs = part[part["kind"] == "observed"]
        exact, approx = obs[~_approx(obs)], obs[_approx(obs)]
        _points(ax, exact["period_end"], exact["value"], colour, hollow=False)
        _points(ax, approx["period_end"], approx["value"], colour, hollow=True)
        for rec in part[part["kind"] == "ambition"].itertuples(index=False):
            ax.plot(rec.period_end, rec.value, marker="*", markersize=15, color="black", linestyle="none")
            ax.annotate(
                f"ambition {rec.value:,.0f}\nby {rec.period_end:%b %Y}",
                xy=(rec.period_end, rec.value),
                xytext=(-8, -6),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=9,
            )
        _style(ax, role.capitalize(), "people" if ax is np.atleast_1d(axes)[0] else "")
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.set_ylim(0, float(part["value"].max()) * 1.12)
        ax.set_xlim(pd.Timestamp("2014-01-01"), pd.Timestamp("2038-12-31"))
        ax.xaxis.set_major_locator(mdates.YearLocator(6))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    handles = [
        Line2D([], [], color="grey", marker="o", linestyle="none", label="published count"),
        Line2D(
            [],
            [],
            color="grey",
            marker="o",
            markerfacecolor="white",
            linestyle="none",
            label="approximate or partial count",
        ),
        Line2D(
            [],
            [],
            color="black",
            marker="*",
            markersize=12,
            linestyle="none",
            label="Long Term Workforce Plan ambition",
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, -0.06))
    fig.tight_layout()
    return Figure(fig, _csv(points, extra=("role", "kind")), name)


# --------------------------------------------------------------------------- 5 HCHS


def hchs_totals(rows: pd.DataFrame, name: str = "hchs_totals") -> Figure:
    """HCHS total FTE and the infrastructure-support share, August each year."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    total = rows[rows["series"] == "hchs_total_fte"].sort_values("period_end")
    exact, approx = total[~_approx(total)], total[_approx(total)]
    left.plot(
        exact["period_end"],
        exact["value"],
        color=C[4],
        linewidth=2,
        marker="o",
        label="NHS trusts and core organisations, August",
    )
    _points(
        left,
        approx["period_end"],
        approx["value"],
        C[5],
        hollow=True,
        marker="D",
        size=8,
        label="rounded figure, other source",
    )
    _style(left, "HCHS staff (England), total FTE", "FTE")
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / 1e6:.2f} m"))
    left.legend(loc="upper left", frameon=False, fontsize=9)
    share = rows[rows["series"] == "hchs_infrastructure_support_share"].sort_values("period_end")
    right.plot(share["period_end"], share["value"], color=C[0], linewidth=2, marker="o")
    _style(right, "Infrastructure support staff, share of HCHS FTE", "per cent of total FTE")
    right.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    right.yaxis.set_major_locator(MultipleLocator(5))
    right.set_ylim(0, 20)
    for ax in (left, right):
        _date_axis(ax)
    fig.tight_layout()
    return Figure(fig, _csv(rows), name)


# --------------------------------------------------------------------------- 6 OECD

GEO_STYLE = {"uk": ("United Kingdom", C[5], "o"), "oecd_average": ("OECD average", C[4], "s")}


def oecd_comparison(densities: pd.DataFrame, ratios: pd.DataFrame, name: str = "oecd_comparison") -> Figure:
    """Doctors and nurses per 1,000 population and nurses per doctor, UK and OECD average, by data year."""
    dens = densities[densities["geography"].isin(GEO_STYLE) & (densities["year"] != "")].copy()
    dens["year_num"] = dens["year"].astype(int)
    rat = ratios[ratios["geography"].isin(GEO_STYLE) & (ratios["kind"] == "computed")].copy()
    rat["year_num"] = rat["year"].astype(int)
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.4))
    panels = (
        ("doctors", "Practising doctors per 1,000 population"),
        ("nurses", "Practising nurses per 1,000 population"),
    )
    for ax, (profession, title) in zip(axes[:2], panels):
        for geo, (label, colour, marker) in GEO_STYLE.items():
            part = dens[(dens["profession"] == profession) & (dens["geography"] == geo)]
            ax.plot(
                part["year_num"],
                part["value"],
                linestyle="none",
                marker=marker,
                markersize=8,
                color=colour,
                label=label,
            )
        _style(ax, title, "per 1,000 population")
        ax.set_ylim(0, 11 if profession == "nurses" else 4.5)
    for geo, (label, colour, marker) in GEO_STYLE.items():
        part = rat[rat["geography"] == geo]
        axes[2].plot(
            part["year_num"],
            part["nurses_per_doctor"],
            linestyle="none",
            marker=marker,
            markersize=8,
            color=colour,
            label=label,
        )
    _style(axes[2], "Nurses per doctor (same year, same source)", "ratio")
    axes[2].set_ylim(0, 3.5)
    for ax in axes:
        ax.set_xlim(1998, 2023)
        ax.set_xlabel("data year")
    axes[0].legend(loc="lower left", frameon=False, fontsize=9)
    fig.tight_layout()
    data = pd.concat(
        [
            _csv(dens, extra=("profession", "year")),
            pd.DataFrame(
                {
                    "series": "nurses_per_doctor_computed",
                    "geography": rat["geography"],
                    "period": rat["year"],
                    "measure": "ratio",
                    "value": rat["nurses_per_doctor"],
                    "vintage": "not_applicable",
                    "qualifier": "derived",
                    "source_title": "computed here",
                    "source_url": rat["source_urls"],
                    "row": rat["rows"],
                    "profession": "nurses per doctor",
                    "year": rat["year"],
                }
            ),
        ],
        ignore_index=True,
    )
    return Figure(fig, data, name)
