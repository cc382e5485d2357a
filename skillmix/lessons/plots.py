"""The lessons chapter's figure: lessons by recommendation area."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ..core import style
from ..core.artifacts import Figure


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def area_matrix_figure(matrix: pd.DataFrame, short_titles: dict, area_labels: dict) -> Figure:
    """Heatmap of lessons x recommendation areas (`summaries.area_matrix`), each mapped cell
    annotated with the number of supporting records (so the colour needs no scale); unmapped
    cells are left blank. Drawn `style.WIDTH` wide: lesson titles and area names wrapped, area
    names turned upright above the columns."""
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.5 * len(matrix) + 1.6), layout="constrained")
    sns.heatmap(
        matrix.replace(0, np.nan),
        annot=True,
        fmt=".0f",
        annot_kws={"fontsize": style.FONT_PT},
        cmap="viridis",
        vmin=0,
        cbar=False,
        linewidths=0.5,
        linecolor="#d9d9d9",
        ax=ax,
    )
    ax.set_yticklabels([_wrap(f"{i} {short_titles[i]}", 22) for i in matrix.index], rotation=0)
    ax.set_xticklabels([_wrap(area_labels[a], 18) for a in matrix.columns], rotation=90)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return Figure(fig, matrix.reset_index(), "area_matrix")
