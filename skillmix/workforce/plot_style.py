"""Shared drawing conventions of the workforce figures.

Okabe-Ito colours (`skillmix.core.style`); superseded vintages drawn with hollow markers and
dashed lines and labelled "(superseded)"; approximate published values ("about", "more than"
...) drawn with hollow markers; every CSV carries series, period, vintage, value, qualifier,
source_url and the row of the curated file (`trace_csv`).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..core.style import OKABE_ITO as C
from .gp_practice import PRACTICE_CSV_VINTAGE
from .published import trace_columns

THOUSANDS = FuncFormatter(lambda v, _: f"{v:,.0f}")
# Qualifiers meaning the published value is not exact ("derived" values are exact sums).
APPROXIMATE = ("about", "more than", "almost", "just over", "estimate")


def is_approximate(rows: pd.DataFrame) -> pd.Series:
    return rows["qualifier"].isin(APPROXIMATE)


# Label, colour and marker of each staff group. The two GP series lie about 1,000 FTE apart
# (permanent GPs are a subset of fully qualified ones): blue circles and black triangles, so
# that each stays distinct where the two overlap.
GP_SERIES = {
    "gp_fully_qualified_fte": ("fully qualified GPs (incl. locums)", C[4], "o"),
    "gp_permanent_fte": ("fully qualified permanent GPs", C[7], "v"),
    "gp_nurses_fte": ("nurses", C[2], "s"),
    "gp_dpc_fte": ("direct patient care", C[0], "D"),
    "gp_admin_fte": ("admin/non-clinical", C[6], "^"),
}
VINTAGE_LABEL = {
    "current": "",
    "superseded_original": " (superseded: original)",
    "superseded_aug2021": " (superseded: Aug 2021)",
    PRACTICE_CSV_VINTAGE: " (practice CSV sum)",
    "not_applicable": "",
}


def style_axes(ax, title, ylabel):
    """A panel title at the left (the book's title size), a y label and a light grid."""
    ax.set_title(title, loc="left")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.grid(True, alpha=0.4)


def legend_below(fig, handles, ncol=1):
    """The figure's legend under its panels, left-aligned, in `ncol` columns: a figure drawn
    `core.style.WIDTH` wide has no room for a legend beside its panels (constrained layout
    makes room for it)."""
    return fig.legend(handles=handles, loc="outside lower left", ncol=ncol, frameon=False)


def date_axis(ax):
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def plot_points(ax, x, y, colour, *, hollow, marker="o", size=6, label=None, linestyle="none", zorder=3):
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


def trace_csv(rows: pd.DataFrame, extra=()) -> pd.DataFrame:
    out = trace_columns(rows)
    for column in extra:
        out[column] = rows[column].to_numpy()
    return out
