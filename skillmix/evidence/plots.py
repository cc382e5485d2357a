"""Figures of the evidence review. Each function draws one figure and returns it as a
`core.artifacts.Figure` with the data behind it and its output name; it never saves.

Colours: the sequential `style.SEQUENTIAL` map for counts (with every count written in its
cell, so colour is never the only cue) and `style.OKABE_ITO` for categories.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import FancyBboxPatch

from ..core import style, vocab
from ..core.artifacts import Figure
from ..core.labels import REASON_LABELS, ROLE_LABELS
from .prisma import PrismaCounts
from .synthesis import by_category, by_period, evidence_map


def _heatmap(ax, matrix: pd.DataFrame, *, cbar_label: str, fig):
    values = matrix.to_numpy(dtype=float)
    vmax = max(values.max(), 1)
    image = ax.imshow(values, cmap=style.SEQUENTIAL, vmin=0, vmax=vmax, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.grid(False)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            v = int(values[i, j])
            ax.text(
                j,
                i,
                str(v) if v else "·",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if v < 0.6 * vmax else "black",
            )
    ax.set_xticks(np.arange(-0.5, matrix.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, matrix.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label(cbar_label)
    return image


def evidence_map_figure(
    records: pd.DataFrame, links: pd.DataFrame, theme_labels: dict, roles="all", themes="all"
) -> Figure:
    """Heatmap of the number of records for each role (rows) and theme (columns)."""
    data = evidence_map(records, links, roles, themes)
    data = data.assign(role_label=data["role"].map(ROLE_LABELS), theme_label=data["theme"].map(theme_labels))
    role_order = list(dict.fromkeys(data["role_label"]))
    theme_order = list(dict.fromkeys(data["theme_label"]))
    matrix = (
        data.pivot(index="role_label", columns="theme_label", values="n_records")
        .reindex(index=role_order, columns=theme_order)
        .fillna(0)
    )
    fig, ax = plt.subplots(figsize=(max(7.5, 0.62 * len(theme_order) + 4.2), max(3.0, 0.42 * len(role_order) + 2.0)))
    _heatmap(ax, matrix, cbar_label="Number of records", fig=fig)
    ax.set_xlabel("Theme")
    ax.set_ylabel("Role")
    return Figure(fig, data[["role", "role_label", "theme", "theme_label", "n_records"]], "evidence_map")


def period_figure(records: pd.DataFrame) -> Figure:
    """Two heatmaps: records by five-year period and study type, and by period and evidence level."""
    study = by_period(records, "study_type").assign(dimension="study_type")
    level = by_period(records, "evidence_level").assign(dimension="evidence_level")
    n_periods = study["period"].nunique()
    fig, axes = plt.subplots(
        2,
        1,
        figsize=(max(7.5, 0.85 * n_periods + 4.0), 9.2),
        gridspec_kw={"height_ratios": [len(vocab.STUDY_TYPES), len(vocab.EVIDENCE_LEVELS)]},
    )
    for ax, data, title in ((axes[0], study, "Study type"), (axes[1], level, "Evidence level (strongest first)")):
        order_p = list(dict.fromkeys(data["period"]))
        order_l = list(dict.fromkeys(data["label"]))
        matrix = data.pivot(index="label", columns="period", values="n_records").reindex(index=order_l, columns=order_p)
        _heatmap(ax, matrix, cbar_label="Number of records", fig=fig)
        ax.set_title(title, loc="left", fontsize=11)
        ax.set_ylabel("")
    axes[1].set_xlabel("Publication period")
    fig.tight_layout()
    out = pd.concat([study, level], ignore_index=True)[["dimension", "period", "code", "label", "n_records"]]
    return Figure(fig, out, "study_type_level_by_period")


def setting_figure(records: pd.DataFrame) -> Figure:
    """Horizontal bars: number of records in each setting."""
    data = by_category(records, "setting")
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    y = np.arange(len(data))[::-1]
    ax.barh(y, data["n_records"], color=style.OKABE_ITO[4], height=0.6)
    ax.set_yticks(y, data["label"])
    for yi, n, share in zip(y, data["n_records"], data["share"], strict=True):
        ax.text(n + 0.4, yi, f"{n} ({share:.0%})", va="center", fontsize=9.5)
    ax.set_xlim(0, max(data["n_records"].max(), 1) * 1.25)
    ax.set_xlabel("Number of records")
    ax.grid(axis="y", visible=False)
    return Figure(fig, data, "settings")


def timeline_figure(events: pd.DataFrame) -> Figure:
    """Dated events of role introductions and policy, one row per role (first event at the top).

    `events` is `synthesis.timeline_events`.
    """
    first = events.groupby("role")["position"].min()
    order = sorted(first.index, key=lambda r: (r == "policy", first[r], r))
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(order) + 1.6))
    ypos = {role: len(order) - 1 - i for i, role in enumerate(order)}
    lo, hi = int(events["position"].min()) // 10 * 10, int(np.ceil((events["position"].max() + 1) / 10) * 10)
    for role in order:
        rows = events[events["role"] == role]
        y = ypos[role]
        colour = "#777777" if role == "policy" else style.OKABE_ITO[5]
        ax.hlines(y, rows["position"].min(), rows["position"].max(), color=colour, alpha=0.35, linewidth=2)
        ax.scatter(rows["position"], [y] * len(rows), s=46, color=colour, edgecolor="black", linewidth=0.6, zorder=3)
    ax.set_yticks(list(ypos.values()), [ROLE_LABELS[r] for r in ypos])
    ax.set_xlim(lo - 1, hi)
    ax.set_xticks(range(lo, hi + 1, 10))
    ax.set_xticks(range(lo, hi + 1, 5), minor=True)
    ax.grid(axis="x", which="minor", alpha=0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year (each dot is a dated event; a line joins the first and last events of a row)")
    out = events.sort_values(["position", "role"])[["year", "date", "role", "role_label", "event", "source_url"]]
    return Figure(fig, out.reset_index(drop=True), "role_timeline")


# --------------------------------------------------------------------------- PRISMA 2020 flow diagram

BOX = {"boxstyle": "round,pad=0.02,rounding_size=0.02", "linewidth": 1.2}
STAGE_COLOUR = style.OKABE_ITO[4]  # blue
MAIN_FACE, SIDE_FACE = "#FFFFFF", "#F2F2F2"


def _box(ax, x, y, w, h, text, face, fontsize=10.5, align="center"):
    ax.add_patch(FancyBboxPatch((x, y), w, h, facecolor=face, edgecolor="#333333", **BOX))
    tx = x + w / 2 if align == "center" else x + 0.12
    ax.text(tx, y + h / 2, text, ha=align, va="center", fontsize=fontsize, linespacing=1.35, wrap=False)


def _arrow(ax, start, end):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.3, "mutation_scale": 14},
    )


def _wrap(text, width):
    return "\n".join(textwrap.wrap(text, width))


def prisma_flow(
    c: PrismaCounts, source_label: str = "targeted searches of stored copies of public web pages"
) -> Figure:
    """A PRISMA 2020-style flow diagram (identification, screening, included) drawn from the
    counts, with the counts' table as its data."""
    reasons = [(REASON_LABELS[r], n) for r, n in c.excluded.items() if n]
    gap = 0.9
    h_id, h_main = 1.9, 1.1
    h_side = max(h_main, 0.34 * (len(reasons) + 1) + 0.45)
    h_run = 1.3 if c.outside_run else 0.0
    height = 0.2 + h_id + gap + h_side + gap + h_main + ((gap + h_run) if c.outside_run else 0.0) + 0.2
    fig, ax = plt.subplots(figsize=(10.5, height * 0.75))
    ax.set_xlim(0, 11.2)
    ax.set_ylim(0, height)
    ax.axis("off")
    main_x, main_w, side_x, side_w = 1.0, 4.2, 5.9, 5.2

    # Identification
    y_id = height - 0.2 - h_id
    _box(
        ax,
        main_x,
        y_id,
        main_w,
        h_id,
        _wrap(f"Records identified from {source_label}", 38) + f"\n(n = {c.identified})",
        MAIN_FACE,
    )
    _box(
        ax,
        side_x,
        y_id,
        side_w,
        h_id,
        f"Records removed before screening:\nduplicate records (n = {c.duplicates})",
        SIDE_FACE,
    )
    _arrow(ax, (main_x + main_w, y_id + h_id / 2), (side_x, y_id + h_id / 2))
    # Screening
    y_side = y_id - gap - h_side
    y_sc = y_side + (h_side - h_main) / 2
    _box(ax, main_x, y_sc, main_w, h_main, f"Records screened\n(n = {c.screened})", MAIN_FACE)
    side_text = f"Records excluded (n = {c.excluded_total}), by reason:\n" + "\n".join(
        f"  {label} (n = {n})" for label, n in reasons
    )
    _box(ax, side_x, y_side, side_w, h_side, side_text, SIDE_FACE, fontsize=9.5, align="left")
    _arrow(ax, (main_x + main_w / 2, y_id), (main_x + main_w / 2, y_sc + h_main))
    _arrow(ax, (main_x + main_w, y_sc + h_main / 2), (side_x, y_sc + h_main / 2))
    # Included
    y_in = y_side - gap - h_main
    _box(ax, main_x, y_in, main_w, h_main, f"Records included in the review\n(n = {c.included})", MAIN_FACE)
    _arrow(ax, (main_x + main_w / 2, y_sc), (main_x + main_w / 2, y_in + h_main))
    stages = [
        ("Identification", y_id, y_id + h_id),
        ("Screening", y_side, y_side + h_side),
        ("Included", y_in, y_in + h_main),
    ]
    if c.outside_run:
        y_run = y_in - gap - h_run
        _box(ax, main_x, y_run, main_w, h_run, f"Records in this run's synthesis\n(n = {c.in_run})", MAIN_FACE)
        _box(
            ax,
            side_x,
            y_run,
            side_w,
            h_run,
            _wrap("Included records outside this run's parameters (roles, themes, years, evidence level)", 50)
            + f"\n(n = {c.outside_run})",
            SIDE_FACE,
            fontsize=9.5,
        )
        _arrow(ax, (main_x + main_w / 2, y_in), (main_x + main_w / 2, y_run + h_run))
        _arrow(ax, (main_x + main_w, y_run + h_run / 2), (side_x, y_run + h_run / 2))
        stages[-1] = ("Included", y_run, y_in + h_main)
    for label, y0, y1 in stages:
        ax.add_patch(FancyBboxPatch((0.1, y0), 0.5, y1 - y0, facecolor=STAGE_COLOUR, edgecolor="none", **BOX))
        ax.text(
            0.35,
            (y0 + y1) / 2,
            label,
            rotation=90,
            ha="center",
            va="center",
            color="white",
            fontsize=9 if (y1 - y0) >= 1.5 else 8.5,
            fontweight="bold",
        )
    return Figure(fig, c.table(), "prisma_flow")
