"""The survey chapter's charts: Likert charts (diverging stacked bars), interval
(dot-and-whisker) charts, small multiples by group and free-text theme bars.

Drawn with matplotlib only (plot-likert is not used), in the book's palettes
(`skillmix.core.style`). Every function takes a table that has already been through
`disclosure`: suppressed rows are drawn as a "suppressed" label (the same label whether the
count was small or withheld to protect a small one), never as a bar, a dot or a count.
Each returns a `core.artifacts.Figure` (the drawing, the plotted table and the output name);
it never saves: the publishing layer does.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..core.artifacts import Figure
from ..core.style import LIKERT_COLOURS, OKABE_ITO, WIDTH
from .disclosure import SUPPRESSED_TEXT
from .display import ROLE_LABELS

LABELS = {
    **ROLE_LABELS,
    "ahp": "AHP",
    "manager_non_clinical": "Manager or non-clinical",
    "primary_care": "Primary care",
    "mental_health": "Mental health",
}


def _label(item: str) -> str:
    return LABELS.get(item, item.replace("_", " ").capitalize())


def diverging_likert(dist: pd.DataFrame, scale_labels, *, name: str, title_suffix: str = "") -> Figure:
    """Diverging stacked bars of the answer distribution per item, one panel per role.

    The neutral category is split half either side of zero; disagreement extends left,
    agreement right. Items are sorted by the average share agreeing across the panels. The
    number answering is printed in the margin to the right of each panel, outside the 100%
    end of the axis, so that no bar or border overlaps it.
    `dist`: rows item, role, n, suppressed and one column per scale label (percentages).
    """
    labels = list(scale_labels)
    roles = list(dict.fromkeys(dist["role"]))
    agree = dist[labels[-2:]].sum(axis=1)
    order = (
        dist.assign(_agree=agree)
        .groupby("item", sort=False)["_agree"]
        .mean()
        .sort_values(ascending=True, na_position="first")
        .index.tolist()
    )
    # One panel above the other, so that each keeps the book's width (`core.style.WIDTH`).
    fig, axes = plt.subplots(
        len(roles),
        1,
        figsize=(WIDTH, (0.36 * len(order) + 1.3) * len(roles) + 0.9),
        sharex=True,
        squeeze=False,
        layout="constrained",
    )
    for ax, role in zip(axes[:, 0], roles):
        sub = dist[dist["role"] == role].set_index("item").reindex(order)
        y = np.arange(len(order))
        vals = sub[labels].to_numpy(dtype=float)
        half = vals[:, 2] / 2
        left_start = -(vals[:, 0] + vals[:, 1] + half)
        starts = [left_start, left_start + vals[:, 0], -half, np.zeros(len(order)), vals[:, 3]]
        widths = [vals[:, 0], vals[:, 1], vals[:, 2], vals[:, 3], vals[:, 4]]
        for k, lab in enumerate(labels):
            if k == 2:
                ax.barh(y, half, left=-half, color=LIKERT_COLOURS[2], edgecolor="white", linewidth=0.5, label=lab)
                ax.barh(y, half, left=np.zeros(len(order)), color=LIKERT_COLOURS[2], edgecolor="white", linewidth=0.5)
            else:
                ax.barh(
                    y, widths[k], left=starts[k], color=LIKERT_COLOURS[k], edgecolor="white", linewidth=0.5, label=lab
                )
        for yi, item in zip(y, order):
            row = sub.loc[item]
            if pd.isna(row.get("suppressed")):  # no row for this item and role
                ax.text(0, yi, "not asked", ha="center", va="center", color="#333333")
            elif bool(row["suppressed"]):
                ax.text(0, yi, SUPPRESSED_TEXT, ha="center", va="center", color="#333333")
            else:
                # x in axes fraction (just right of the frame), y in data units.
                ax.text(
                    1.02,
                    yi,
                    f"n={int(row['n']):,}",
                    transform=ax.get_yaxis_transform(),
                    ha="left",
                    va="center",
                    color="#333333",
                    clip_on=False,
                )
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlim(-100, 100)
        ax.set_xticks([-100, -50, 0, 50, 100])
        ax.set_xticklabels(["100%", "50%", "0", "50%", "100%"])
        ax.set_xlabel("% of substantive answers")
        ax.set_title(f"About {ROLE_LABELS.get(role, role)}s{title_suffix}")
        ax.grid(axis="y", visible=False)
        ax.set_yticks(np.arange(len(order)))
        ax.set_yticklabels([_label(i) for i in order])
        ax.tick_params(axis="x", labelbottom=True)
    handles, labs = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labs, loc="outside lower center", ncol=2, frameon=False)
    return Figure(fig, dist, name)


def _whiskers(estimate: float, low: float, high: float) -> list[list[float]]:
    """Error-bar lengths below and above an estimate, never negative: an interval computed at a
    percentage of 0 or 100 can end a rounding error inside its estimate."""
    return [[max(estimate - low, 0.0)], [max(high - estimate, 0.0)]]


def _interval_plot(
    table: pd.DataFrame,
    *,
    est: str,
    xlabel: str,
    hue: str | None = None,
    reference: float | None = 0.0,
) -> plt.Figure:
    """Dot-and-whisker chart: one row per item (per hue level dodged), suppressed rows labelled.

    `table`: item, the estimate `est`, its interval ci_low to ci_high, suppressed and
    the column `hue` when given.
    """
    labels = list(dict.fromkeys(table["item"]))
    hues = list(dict.fromkeys(table[hue])) if hue else [None]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.45 * len(labels) * max(1, len(hues) * 0.7) + 1.5), layout="constrained")
    step = 0.8 / max(len(hues), 1)
    for h_i, h in enumerate(hues):
        sub = table if h is None else table[table[hue] == h]
        offset = (h_i - (len(hues) - 1) / 2) * step
        for _, row in sub.iterrows():
            yi = labels.index(row["item"]) + offset
            if row.get("suppressed", False) or pd.isna(row[est]):
                ax.text(
                    0.02,
                    yi,
                    SUPPRESSED_TEXT,
                    transform=ax.get_yaxis_transform(),
                    va="center",
                    color="#555555",
                )
                continue
            colour = OKABE_ITO[(4 + 1 * h_i) % len(OKABE_ITO)] if h is not None else OKABE_ITO[4]
            ax.errorbar(
                row[est],
                yi,
                xerr=_whiskers(row[est], row["ci_low"], row["ci_high"]),
                fmt="o",
                color=colour,
                markersize=5,
                capsize=3,
                linewidth=1.4,
                label=ROLE_LABELS.get(h, h) if h is not None else None,
            )
    if reference is not None:
        ax.axvline(reference, color="#333333", linewidth=0.8, linestyle="--")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels([_label(str(v)) for v in labels])
    ax.invert_yaxis()
    ax.set_xlabel(textwrap.fill(xlabel, 44))
    if hue:
        handles, labs = ax.get_legend_handles_labels()
        uniq = dict(zip(labs, handles))
        ax.legend(uniq.values(), uniq.keys(), frameon=False, loc="lower right")
    return fig


def group_grid(
    table: pd.DataFrame,
    *,
    group_order,
    xlabel: str,
    name: str,
    ncols: int = 2,
    overall: pd.DataFrame | None = None,
) -> Figure:
    """Small multiples, one panel per item: each group's estimate with its interval, one colour
    per role (dodged when both roles are shown). Two columns of panels in the book's width
    (`core.style.WIDTH`), group names at the left of each row, titles wrapped, so that every
    text keeps the book's size on a phone.

    `table`: item, role, group, pct_agree, ci_low, ci_high, suppressed. `overall`: item, role,
    pct_agree, drawn as a dashed line per role for reference.
    """
    items = list(dict.fromkeys(table["item"]))
    roles = list(dict.fromkeys(table["role"]))
    colours = {r: OKABE_ITO[4 + k] for k, r in enumerate(roles)}
    nrows = int(np.ceil(len(items) / ncols))
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(WIDTH, (0.3 * len(group_order) + 1.0) * nrows + 0.8),
        sharex=True,
        sharey=True,
        squeeze=False,
        layout="constrained",
    )
    fig.get_layout_engine().set(wspace=0.08)  # "100" of one panel clear of "0" of the next
    for ax in axes.ravel()[len(items) :]:
        ax.set_visible(False)
    step = 0.36 if len(roles) > 1 else 0.0
    for ax, item in zip(axes.ravel(), items):
        for k, role in enumerate(roles):
            sub = table[(table["item"] == item) & (table["role"] == role)].set_index("group").reindex(group_order)
            offset = (k - (len(roles) - 1) / 2) * step
            for yi, g in enumerate(group_order):
                row = sub.loc[g]
                if pd.isna(row.get("pct_agree")) or bool(row.get("suppressed", False)):
                    ax.plot([2], [yi + offset], marker="x", color="#777777", markersize=6, linestyle="none")
                    continue
                ax.errorbar(
                    row["pct_agree"],
                    yi + offset,
                    xerr=_whiskers(row["pct_agree"], row["ci_low"], row["ci_high"]),
                    fmt="o",
                    color=colours[role],
                    markersize=4.5,
                    capsize=2,
                    linewidth=1.2,
                    label=ROLE_LABELS.get(role, role),
                )
            if overall is not None:
                o = overall.loc[(overall["item"] == item) & (overall["role"] == role), "pct_agree"]
                if len(o) and pd.notna(o.iloc[0]):
                    ax.axvline(float(o.iloc[0]), color=colours[role], linestyle="--", linewidth=0.8)
        ax.set_title(textwrap.fill(_label(item), 16))
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 50, 100])
    axes[0][0].set_yticks(range(len(group_order)))
    axes[0][0].set_yticklabels([textwrap.fill(_label(g), 16) for g in group_order])
    axes[0][0].invert_yaxis()
    for ax in axes.ravel():
        if ax.get_visible():
            ax.tick_params(axis="x", labelbottom=True)
    for ax in axes[-1]:
        ax.set_xlabel(xlabel)
    handles, labs = axes[0][0].get_legend_handles_labels()
    uniq = dict(zip(labs, handles))
    uniq["suppressed"] = plt.Line2D([], [], marker="x", color="#777777", linestyle="none")
    fig.legend(uniq.values(), uniq.keys(), loc="outside lower center", ncol=len(uniq), frameon=False)
    return Figure(fig, table, name)


def theme_bars(counts: pd.DataFrame, *, name: str) -> Figure:
    """Horizontal bars: % of free-text answers mentioning each theme, per question."""
    questions = list(dict.fromkeys(counts["question"]))
    themes = counts.groupby("theme", sort=False)["pct_of_answers"].max().sort_values().index.tolist()
    fig, ax = plt.subplots(figsize=(WIDTH, 0.42 * len(themes) + 1.4), layout="constrained")
    step = 0.8 / len(questions)
    for k, q in enumerate(questions):
        sub = counts[counts["question"] == q].set_index("theme").reindex(themes)
        y = np.arange(len(themes)) + (k - (len(questions) - 1) / 2) * step
        vals = sub["pct_of_answers"].to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(vals), height=step * 0.95, color=OKABE_ITO[[4, 5][k % 2]], label=f"{q.capitalize()}")
        for yi, sup in zip(y, sub["suppressed"].to_numpy(dtype=bool)):
            if sup:
                ax.text(0.5, yi, SUPPRESSED_TEXT, va="center", color="#555555")
    ax.set_yticks(np.arange(len(themes)))
    ax.set_yticklabels([_label(t) for t in themes])
    ax.set_xlabel(textwrap.fill("Percentage of free-text answers mentioning the theme", 44))
    ax.legend(frameon=False, loc="lower right")
    return Figure(fig, counts, name)


def role_contrast_chart(rc: pd.DataFrame, *, focus_role: str, name: str) -> Figure:
    """ACP minus PA difference in % agreeing per statement, or a placeholder saying why there is
    none when the run reports one role only (`focus_role` acp or pa)."""
    if focus_role != "both":
        fig = _placeholder(
            f"Not computed: this run reports {focus_role.upper()} items only (focus_role = {focus_role})."
        )
    else:
        fig = _interval_plot(
            rc,
            est="diff",
            xlabel="Difference in % agreeing, ACP minus PA (percentage points)",
        )
    return Figure(fig, rc, name)


def wave_change_chart(wc: pd.DataFrame, *, compare_waves: bool, name: str) -> Figure:
    """Change in % agreeing between waves per statement and role, or a placeholder saying why
    there is none (compare_waves off, or no earlier wave in the responses)."""
    if len(wc):
        fig = _interval_plot(
            wc,
            est="change",
            hue="role",
            xlabel="Change in % agreeing, current minus earlier wave (percentage points)",
        )
    else:
        fig = _placeholder(
            "Not computed: compare_waves is off for this run."
            if not compare_waves
            else "Not computed: the responses contain no earlier wave."
        )
    return Figure(fig, wc, name)


def _placeholder(text: str) -> plt.Figure:
    """A small figure that says why a chart is not drawn in this run."""
    fig, ax = plt.subplots(figsize=(WIDTH, 1.2))
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
    return fig
