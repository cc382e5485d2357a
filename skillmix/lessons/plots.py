"""The lessons chapter's figure: lessons by recommendation area."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ..core.artifacts import Figure


def area_matrix_figure(matrix: pd.DataFrame, short_titles: dict, area_labels: dict) -> Figure:
    """Heatmap of lessons x recommendation areas (`summaries.area_matrix`), each mapped cell
    annotated with the number of supporting records; unmapped cells are left blank."""
    fig, ax = plt.subplots(figsize=(8.5, 0.45 * len(matrix) + 1.8))
    sns.heatmap(
        matrix.replace(0, np.nan),
        annot=True,
        fmt=".0f",
        cmap="viridis",
        vmin=0,
        cbar_kws={"label": "supporting records"},
        linewidths=0.5,
        linecolor="#d9d9d9",
        ax=ax,
    )
    ax.set_yticklabels([f"{i} {short_titles[i]}" for i in matrix.index], rotation=0)
    ax.set_xticklabels([area_labels[a] for a in matrix.columns], rotation=20, ha="right")
    ax.grid(False)
    ax.set_xlabel("recommendation area")
    ax.set_ylabel("")
    return Figure(fig, matrix.reset_index(), "area_matrix")
