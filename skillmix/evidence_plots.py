"""Figures of the evidence chapter. Each function returns (figure, data behind it).

The chapter saves both with `skillmix.figures.save` (PNG + CSV) and shows the PNG from
markdown. Colours: the sequential `figures.SEQUENTIAL` map for counts (with every count
written in its cell, so colour is never the only cue) and `figures.OKABE_ITO` for categories.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .core import style as figures, vocab
from .evidence import ROLE_LABELS
from .evidence_synthesis import by_category, by_period, evidence_map


def _heatmap(ax, matrix: pd.DataFrame, *, cbar_label: str, fig):
    values = matrix.to_numpy(dtype=float)
    vmax = max(values.max(), 1)
    image = ax.imshow(values, cmap=figures.SEQUENTIAL, vmin=0, vmax=vmax, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.grid(False)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            v = int(values[i, j])
            ax.text(j, i, str(v) if v else "·", ha="center", va="center", fontsize=9,
                    color="white" if v < 0.6 * vmax else "black")
    ax.set_xticks(np.arange(-0.5, matrix.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, matrix.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label(cbar_label)
    return image


def evidence_map_figure(records: pd.DataFrame, links: pd.DataFrame, theme_labels: dict, roles="all", themes="all"):
    """Heatmap of the number of records for each role (rows) and theme (columns)."""
    data = evidence_map(records, links, roles, themes)
    data = data.assign(role_label=data["role"].map(ROLE_LABELS), theme_label=data["theme"].map(theme_labels))
    role_order = list(dict.fromkeys(data["role_label"]))
    theme_order = list(dict.fromkeys(data["theme_label"]))
    matrix = data.pivot(index="role_label", columns="theme_label", values="n_records").reindex(
        index=role_order, columns=theme_order).fillna(0)
    fig, ax = plt.subplots(figsize=(max(7.5, 0.62 * len(theme_order) + 4.2), max(3.0, 0.42 * len(role_order) + 2.0)))
    _heatmap(ax, matrix, cbar_label="Number of records", fig=fig)
    ax.set_xlabel("Theme")
    ax.set_ylabel("Role")
    return fig, data[["role", "role_label", "theme", "theme_label", "n_records"]]


def period_figure(records: pd.DataFrame):
    """Two heatmaps: records by five-year period and study type, and by period and evidence level."""
    study = by_period(records, "study_type").assign(dimension="study_type")
    level = by_period(records, "evidence_level").assign(dimension="evidence_level")
    n_periods = study["period"].nunique()
    fig, axes = plt.subplots(2, 1, figsize=(max(7.5, 0.85 * n_periods + 4.0), 9.2),
                             gridspec_kw={"height_ratios": [len(vocab.STUDY_TYPES), len(vocab.EVIDENCE_LEVELS)]})
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
    return fig, out


def setting_figure(records: pd.DataFrame):
    """Horizontal bars: number of records in each setting."""
    data = by_category(records, "setting")
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    y = np.arange(len(data))[::-1]
    ax.barh(y, data["n_records"], color=figures.OKABE_ITO[4], height=0.6)
    ax.set_yticks(y, data["label"])
    for yi, n, share in zip(y, data["n_records"], data["share"]):
        ax.text(n + 0.4, yi, f"{n} ({share:.0%})", va="center", fontsize=9.5)
    ax.set_xlim(0, max(data["n_records"].max(), 1) * 1.25)
    ax.set_xlabel("Number of records")
    ax.grid(axis="y", visible=False)
    return fig, data


def _decimal_year(row) -> float:
    """A timeline event's position: mid-month where a month is given, mid-year otherwise."""
    if row["date"]:
        month = int(row["date"][5:7])
        return row["year"] + (month - 0.5) / 12
    return row["year"] + 0.5


def timeline_figure(timeline: pd.DataFrame, roles="all"):
    """Dated events of role introductions and policy, one row per role (first event at the top)."""
    keep = set(vocab.ROLES if roles == "all" else roles) | {"policy"}
    data = timeline[timeline["role"].isin(keep)].copy()
    data["position"] = data.apply(_decimal_year, axis=1)
    first = data.groupby("role")["position"].min()
    order = [r for r in sorted(first.index, key=lambda r: (r == "policy", first[r], r))]
    data["role_label"] = data["role"].map(ROLE_LABELS)
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(order) + 1.6))
    ypos = {role: len(order) - 1 - i for i, role in enumerate(order)}
    lo, hi = int(data["position"].min()) // 10 * 10, int(np.ceil((data["position"].max() + 1) / 10) * 10)
    for role in order:
        rows = data[data["role"] == role]
        y = ypos[role]
        colour = "#777777" if role == "policy" else figures.OKABE_ITO[5]
        ax.hlines(y, rows["position"].min(), rows["position"].max(), color=colour, alpha=0.35, linewidth=2)
        ax.scatter(rows["position"], [y] * len(rows), s=46, color=colour, edgecolor="black", linewidth=0.6, zorder=3)
    ax.set_yticks(list(ypos.values()), [ROLE_LABELS[r] for r in ypos])
    ax.set_xlim(lo - 1, hi)
    ax.set_xticks(range(lo, hi + 1, 10))
    ax.set_xticks(range(lo, hi + 1, 5), minor=True)
    ax.grid(axis="x", which="minor", alpha=0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year (each dot is a dated event; a line joins the first and last events of a row)")
    out = data.sort_values(["position", "role"])[["year", "date", "role", "role_label", "event", "source_url"]]
    return fig, out.reset_index(drop=True)
