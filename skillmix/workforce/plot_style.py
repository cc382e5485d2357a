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


def style_axes(ax, title, ylabel):
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.grid(True, alpha=0.4)


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
