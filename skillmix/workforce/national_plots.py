"""Figures of national series: new roles against the Long Term Workforce Plan, hospital and
community staff totals, OECD comparisons (each returned as a `core.artifacts.Figure`)."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MultipleLocator, PercentFormatter

from ..core.artifacts import Figure
from ..core.style import OKABE_ITO as C
from ..core.style import WIDTH
from .new_roles import NEW_ROLES
from .plot_style import THOUSANDS, date_axis, is_approximate, legend_below, plot_points, style_axes, trace_csv
from .qualifiers import DERIVED, qualified_row

# --------------------------------------------------------------------------- 4 new roles


def new_roles_vs_ltwp(points: pd.DataFrame, name: str = "new_roles_vs_ltwp") -> Figure:
    """Observed counts of three roles and the ambitions of the Long Term Workforce Plan (June 2023),
    one panel each (one above the other, so that each keeps the book's width), titled with the
    role's current name and its former one."""
    roles = list(dict.fromkeys(points["role"]))
    fig, axes = plt.subplots(len(roles), 1, figsize=(WIDTH, 2.8 * len(roles) + 1.4), sharex=True, layout="constrained")
    for ax, role, colour in zip(np.atleast_1d(axes), roles, (C[2], C[4], C[5])):
        part = points[points["role"] == role]
        obs = part[part["kind"] == "observed"]
        derived = obs["qualifier"] == DERIVED
        exact, approx = obs[~is_approximate(obs) & ~derived], obs[is_approximate(obs)]
        plot_points(ax, exact["period_end"], exact["value"], colour, hollow=False)
        plot_points(ax, approx["period_end"], approx["value"], colour, hollow=True)
        plot_points(ax, obs["period_end"][derived], obs["value"][derived], colour, hollow=False, marker="s")
        for rec in part[part["kind"] == "ambition"].itertuples(index=False):
            ax.plot(rec.period_end, rec.value, marker="*", markersize=15, color="black", linestyle="none")
            ax.annotate(
                f"2023 ambition: {qualified_row(rec)}\nby {rec.period_end:%b %Y}",
                xy=(rec.period_end, rec.value),
                xytext=(-10, -4),
                textcoords="offset points",
                ha="right",
                va="top",
            )
        formerly = NEW_ROLES[role]["formerly"]
        title = role.capitalize() + (f"\n(formerly {formerly})" if formerly else "")
        style_axes(ax, title, "people")
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.set_ylim(0, float(part["value"].max()) * 1.15)
        ax.set_xlim(pd.Timestamp("2014-01-01"), pd.Timestamp("2038-12-31"))
        ax.xaxis.set_major_locator(mdates.YearLocator(4))
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
        Line2D([], [], color="grey", marker="s", linestyle="none", label="derived from published counts"),
        Line2D(
            [],
            [],
            color="black",
            marker="*",
            markersize=12,
            linestyle="none",
            label="Long Term Workforce Plan (2023) ambition",
        ),
    ]
    legend_below(fig, handles)
    return Figure(fig, trace_csv(points, extra=("role", "kind")), name)


# --------------------------------------------------------------------------- 5 HCHS


def hchs_totals(rows: pd.DataFrame, name: str = "hchs_totals") -> Figure:
    """HCHS total FTE and the infrastructure-support share, August each year: two panels, one
    above the other, each with its axis starting at zero."""
    fig, (left, right) = plt.subplots(2, 1, figsize=(WIDTH, 6.6), sharex=True, layout="constrained")
    total = rows[rows["series"] == "hchs_total_fte"].sort_values("period_end")
    exact, approx = total[~is_approximate(total)], total[is_approximate(total)]
    left.plot(
        exact["period_end"],
        exact["value"],
        color=C[4],
        linewidth=2,
        marker="o",
        label="NHS trusts and core organisations, August",
    )
    plot_points(
        left,
        approx["period_end"],
        approx["value"],
        C[5],
        hollow=True,
        marker="D",
        size=8,
        label="rounded figure, other source",
    )
    style_axes(left, "HCHS staff (England), total FTE", "FTE")
    left.set_ylim(0, max(1.5e6, float(total["value"].max()) * 1.1))
    left.yaxis.set_major_locator(MultipleLocator(250_000))
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / 1e6:.2f} m"))
    left.legend(loc="lower right", frameon=False)
    share = rows[rows["series"] == "hchs_infrastructure_support_share"].sort_values("period_end")
    right.plot(share["period_end"], share["value"], color=C[0], linewidth=2, marker="o")
    style_axes(right, "Infrastructure support staff, share of HCHS FTE", "per cent of total FTE")
    right.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    right.yaxis.set_major_locator(MultipleLocator(5))
    right.set_ylim(0, 20)
    for ax in (left, right):
        date_axis(ax)
    return Figure(fig, trace_csv(rows), name)


# --------------------------------------------------------------------------- 6 OECD

GEO_STYLE = {"uk": ("United Kingdom", C[5], "o"), "oecd_average": ("OECD average", C[4], "s")}


def _points_by_geography(ax, frame: pd.DataFrame, column: str) -> None:
    """`column` against the data year, one marker series for each geography of `GEO_STYLE`."""
    for geo, (label, colour, marker) in GEO_STYLE.items():
        part = frame[frame["geography"] == geo]
        ax.plot(
            part["year_num"],
            part[column],
            linestyle="none",
            marker=marker,
            markersize=8,
            color=colour,
            label=label,
        )


def oecd_comparison(densities: pd.DataFrame, ratios: pd.DataFrame, name: str = "oecd_comparison") -> Figure:
    """Doctors and nurses per 1,000 population and nurses per doctor, UK and OECD average, by data year."""
    dens = densities[densities["geography"].isin(GEO_STYLE) & (densities["year"] != "")].copy()
    dens["year_num"] = dens["year"].astype(int)
    rat = ratios[ratios["geography"].isin(GEO_STYLE) & (ratios["kind"] == "computed")].copy()
    rat["year_num"] = rat["year"].astype(int)
    fig, axes = plt.subplots(3, 1, figsize=(WIDTH, 8.4), sharex=True, layout="constrained")
    panels = (
        ("doctors", "Practising doctors per 1,000 population"),
        ("nurses", "Practising nurses per 1,000 population"),
    )
    for ax, (profession, title) in zip(axes[:2], panels):
        _points_by_geography(ax, dens[dens["profession"] == profession], "value")
        style_axes(ax, title, "per 1,000 population")
        ax.set_ylim(0, 11 if profession == "nurses" else 4.5)
    _points_by_geography(axes[2], rat, "nurses_per_doctor")
    style_axes(axes[2], "Nurses per doctor (same year, same source)", "ratio")
    axes[2].set_ylim(0, 3.5)
    for ax in axes:
        ax.set_xlim(1998, 2023)
    axes[-1].set_xlabel("data year")
    axes[0].legend(loc="lower left", frameon=False)
    data = pd.concat(
        [
            trace_csv(dens, extra=("profession", "year")),
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
