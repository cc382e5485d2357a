"""The lessons chapter's figure: lessons by recommendation area."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb

from ..core import style
from ..core.artifacts import Figure


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _luminance(colour) -> float:
    """Relative luminance (WCAG) of an RGB(A) colour: dark text on light cells, white on dark."""
    rgb = np.array(to_rgb(colour))
    linear = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def area_matrix_figure(matrix: pd.DataFrame, short_titles: dict, area_labels: dict) -> Figure:
    """Heatmap of lessons x recommendation areas (`summaries.area_matrix`; drawn as seaborn's
    `heatmap` draws it, with matplotlib alone, so that the chapter's kernel need not load
    seaborn and scipy), each mapped cell
    annotated with the number of supporting records (so the colour needs no scale); unmapped
    cells are left blank. Drawn `style.WIDTH` wide: lesson titles and area names wrapped, area
    names turned upright above the columns."""
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.5 * len(matrix) + 1.6), layout="constrained")
    values = matrix.to_numpy(dtype=float)
    mapped = np.ma.masked_where(values == 0, values)
    mesh = ax.pcolormesh(mapped, cmap="viridis", vmin=0, linewidths=0.5, edgecolor="#d9d9d9")
    ax.set(xlim=(0, values.shape[1]), ylim=(0, values.shape[0]))
    ax.invert_yaxis()
    for spine in ax.spines.values():
        spine.set_visible(False)
    mesh.update_scalarmappable()
    for (row, col), colour in zip(np.ndindex(values.shape), mesh.get_facecolors(), strict=True):
        if not mapped.mask[row, col]:
            ax.text(
                col + 0.5,
                row + 0.5,
                f"{values[row, col]:.0f}",
                ha="center",
                va="center",
                color=".15" if _luminance(colour) > 0.408 else "w",
                fontsize=style.FONT_PT,
            )
    ax.set_xticks(np.arange(values.shape[1]) + 0.5)
    ax.set_yticks(np.arange(values.shape[0]) + 0.5)
    ax.set_yticklabels([_wrap(f"{i} {short_titles[i]}", 22) for i in matrix.index], rotation=0, va="center")
    ax.set_xticklabels([_wrap(area_labels[a], 18) for a in matrix.columns], rotation=90)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return Figure(fig, matrix.reset_index(), "area_matrix")
