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


def _labels(labels, width: int) -> list[str]:
    """Tick labels wrapped to lines of at most `width` characters."""
    return ["\n".join(textwrap.wrap(str(label), width)) for label in labels]


def _heatmap(ax, matrix: pd.DataFrame, *, rotation: int = 45, row_chars: int = 40, column_chars: int = 40):
    """Counts of `matrix` as coloured cells, each count written in its cell (a dot for none),
    so the colour needs no scale; row and column labels wrapped to `row_chars` and
    `column_chars` characters, column labels turned `rotation` degrees."""
    values = matrix.to_numpy(dtype=float)
    vmax = max(values.max(), 1)
    # Vector cells (pcolormesh), not an embedded raster (imshow), so the figure prints sharp.
    rows, cols = matrix.shape
    image = ax.pcolormesh(
        np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, values, cmap=style.SEQUENTIAL, vmin=0, vmax=vmax
    )
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)  # first row at the top, as a table reads
    ax.set_xticks(
        range(matrix.shape[1]),
        _labels(matrix.columns, column_chars),
        rotation=rotation,
        ha="right" if rotation % 90 else "center",
        rotation_mode="anchor" if rotation % 90 else "default",
    )
    ax.set_yticks(range(matrix.shape[0]), _labels(matrix.index, row_chars))
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
                color="white" if v < 0.6 * vmax else "black",
            )
    ax.set_xticks(np.arange(-0.5, matrix.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, matrix.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
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
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.42 * len(role_order) + 2.4), layout="constrained")
    _heatmap(ax, matrix, rotation=90, row_chars=18)
    ax.xaxis.tick_top()
    ax.set_xlabel("")
    ax.set_ylabel("")
    return Figure(fig, data[["role", "role_label", "theme", "theme_label", "n_records"]], "evidence_map")


def period_figure(records: pd.DataFrame) -> Figure:
    """Two heatmaps: records by five-year period and study type, and by period and evidence level."""
    study = by_period(records, "study_type").assign(dimension="study_type")
    level = by_period(records, "evidence_level").assign(dimension="evidence_level")
    n_periods = study["period"].nunique()
    fig, axes = plt.subplots(
        2,
        1,
        figsize=(style.WIDTH, 0.34 * (len(vocab.STUDY_TYPES) + len(vocab.EVIDENCE_LEVELS)) + 3.4),
        gridspec_kw={"height_ratios": [len(vocab.STUDY_TYPES), len(vocab.EVIDENCE_LEVELS)]},
        layout="constrained",
    )
    for ax, data, title in ((axes[0], study, "Study type"), (axes[1], level, "Evidence level (strongest first)")):
        order_p = list(dict.fromkeys(data["period"]))
        order_l = list(dict.fromkeys(data["label"]))
        matrix = data.pivot(index="label", columns="period", values="n_records").reindex(index=order_l, columns=order_p)
        _heatmap(ax, matrix, rotation=45 if n_periods > 5 else 0, row_chars=20)
        ax.set_title(title, loc="left")
        ax.set_ylabel("")
    axes[1].set_xlabel("Publication period")
    out = pd.concat([study, level], ignore_index=True)[["dimension", "period", "code", "label", "n_records"]]
    return Figure(fig, out, "study_type_level_by_period")


def setting_figure(records: pd.DataFrame) -> Figure:
    """Horizontal bars: number of records in each setting."""
    data = by_category(records, "setting")
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.5 * len(data) + 1.2), layout="constrained")
    y = np.arange(len(data))[::-1]
    ax.barh(y, data["n_records"], color=style.OKABE_ITO[4], height=0.6)
    ax.set_yticks(y, data["label"])
    for yi, n, share in zip(y, data["n_records"], data["share"], strict=True):
        ax.text(n + 0.4, yi, f"{n} ({share:.0%})", va="center")
    ax.set_xlim(0, max(data["n_records"].max(), 1) * 1.3)
    ax.set_xlabel("Number of records")
    ax.grid(axis="y", visible=False)
    return Figure(fig, data, "settings")


def timeline_figure(events: pd.DataFrame) -> Figure:
    """Dated events of role introductions and policy, one row per role (first event at the top).

    `events` is `synthesis.timeline_events`.
    """
    first = events.groupby("role")["position"].min()
    order = sorted(first.index, key=lambda r: (r == "policy", first[r], r))
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.42 * len(order) + 1.6), layout="constrained")
    ypos = {role: len(order) - 1 - i for i, role in enumerate(order)}
    lo, hi = int(events["position"].min()) // 10 * 10, int(np.ceil((events["position"].max() + 1) / 10) * 10)
    for role in order:
        rows = events[events["role"] == role]
        y = ypos[role]
        colour = "#777777" if role == "policy" else style.OKABE_ITO[5]
        ax.hlines(y, rows["position"].min(), rows["position"].max(), color=colour, alpha=0.35, linewidth=2)
        ax.scatter(rows["position"], [y] * len(rows), s=46, color=colour, edgecolor="black", linewidth=0.6, zorder=3)
    ax.set_yticks(list(ypos.values()), _labels([ROLE_LABELS[r] for r in ypos], 18))
    ax.set_xlim(lo - 1, hi)
    ax.set_xticks(range(lo, hi + 1, 20))
    ax.set_xticks(range(lo, hi + 1, 10), minor=True)
    ax.grid(axis="x", which="minor", alpha=0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year (each dot is a dated event;\na line joins the first and last events of a row)")
    out = events.sort_values(["position", "role"])[["year", "date", "role", "role_label", "event", "source_url"]]
    return Figure(fig, out.reset_index(drop=True), "role_timeline")


# --------------------------------------------------------------------------- PRISMA 2020 flow diagram

BOX = {"boxstyle": "round,pad=0.02,rounding_size=0.05", "linewidth": 1.2}
STAGE_COLOUR = style.OKABE_ITO[4]  # blue
MAIN_FACE, SIDE_FACE = "#FFFFFF", "#F2F2F2"
# Layout in inches (the axes span the figure, one data unit = one inch): a stage bar, the main
# column and the side column, in `style.WIDTH`; text of `style.FONT_PT` wrapped to the columns.
STAGE_X, STAGE_W = 0.02, 0.34
MAIN_X, MAIN_W = 0.48, 2.2
SIDE_X, SIDE_W = 2.94, style.WIDTH - 2.94 - 0.02
MAIN_CHARS, SIDE_CHARS = 24, 28  # characters a line of each column holds at FONT_PT
LINE = style.FONT_PT * 1.3 / 72  # inches a line of text takes
PAD = 0.14  # inches between a box's border and its text, above and below
GAP = 0.42  # inches between the rows of boxes (room for the arrows)
STAGE_CHAR = 0.1  # inches a character of a stage label takes (bold, rotated)


def _box(ax, x, y, w, h, text, face, align="center"):
    ax.add_patch(FancyBboxPatch((x, y), w, h, facecolor=face, edgecolor="#333333", **BOX))
    tx = x + w / 2 if align == "center" else x + 0.1
    ax.text(tx, y + h / 2, text, ha=align, va="center", linespacing=1.3, wrap=False)


def _arrow(ax, start, end):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.3, "mutation_scale": 14},
    )


def _wrap(text, width, indent=""):
    """`text` wrapped to `width` characters, never inside a count ("(n = 12)")."""
    kept = text.replace("(n = ", "(n\0=\0")
    return "\n".join(textwrap.wrap(kept, width, subsequent_indent=indent)).replace("\0", " ")


def _height(text: str) -> float:
    return text.count("\n") * LINE + LINE + 2 * PAD


def prisma_flow(
    c: PrismaCounts, source_label: str = "targeted searches of stored copies of public web pages"
) -> Figure:
    """A PRISMA 2020-style flow diagram (identification, screening, included) drawn from the
    counts, with the counts' table as its data: `style.WIDTH` wide, each row of boxes as tall as
    its text."""
    reasons = [(REASON_LABELS[r], n) for r, n in c.excluded.items() if n]
    rows = [
        (
            "Identification",
            _wrap(f"Records identified from {source_label} (n = {c.identified})", MAIN_CHARS),
            _wrap(f"Records removed before screening: duplicate records (n = {c.duplicates})", SIDE_CHARS),
            "center",
        ),
        (
            "Screening",
            f"Records screened\n(n = {c.screened})",
            f"Records excluded (n = {c.excluded_total})\nby reason:\n"
            + "\n".join(_wrap(f"• {label} (n = {n})", SIDE_CHARS, indent="   ") for label, n in reasons),
            "left",
        ),
        ("Included", _wrap(f"Records included in the review (n = {c.included})", MAIN_CHARS), None, None),
    ]
    if c.outside_run:
        rows.append(
            (
                None,
                _wrap(f"Records in this run's synthesis (n = {c.in_run})", MAIN_CHARS),
                _wrap(
                    "Included records outside this run's parameters (roles, themes, years, evidence level) "
                    f"(n = {c.outside_run})",
                    SIDE_CHARS,
                ),
                "center",
            )
        )
    heights = [
        max(_height(main), _height(side) if side else 0.0, len(stage) * STAGE_CHAR + 0.3 if stage else 0.0)
        for stage, main, side, _ in rows
    ]
    total = sum(heights) + GAP * (len(rows) - 1) + 0.04
    fig = plt.figure(figsize=(style.WIDTH, total))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, style.WIDTH)
    ax.set_ylim(0, total)
    ax.axis("off")
    top, previous, stages = total - 0.02, None, []
    for (stage, main, side, align), h in zip(rows, heights):
        y = top - h
        main_h = _height(main)
        main_y = y + (h - main_h) / 2
        _box(ax, MAIN_X, main_y, MAIN_W, main_h, main, MAIN_FACE)
        if side:
            _box(ax, SIDE_X, y, SIDE_W, h, side, SIDE_FACE, align=align)
            _arrow(ax, (MAIN_X + MAIN_W, main_y + main_h / 2), (SIDE_X, main_y + main_h / 2))
        if previous is not None:
            _arrow(ax, (MAIN_X + MAIN_W / 2, previous), (MAIN_X + MAIN_W / 2, main_y + main_h))
        if stage:
            stages.append([stage, y, top])
        else:  # the run's box belongs to the "Included" stage
            stages[-1][1] = y
        previous, top = main_y, y - GAP
    for label, y0, y1 in stages:
        ax.add_patch(FancyBboxPatch((STAGE_X, y0), STAGE_W, y1 - y0, facecolor=STAGE_COLOUR, edgecolor="none", **BOX))
        ax.text(
            STAGE_X + STAGE_W / 2,
            (y0 + y1) / 2,
            label,
            rotation=90,
            ha="center",
            va="center",
            color="white",
            fontweight="bold",
        )
    return Figure(fig, c.table(), "prisma_flow")
