"""Figures saved as PNG beside a CSV of the plotted data, under `outputs/<chapter>/`.

The notebook's markdown shows each with a `{figure}` directive (caption, alt text) and a
`{download}` link to the CSV. Nothing is displayed in the code cell, so nbval never
compares a figure's text repr. A figure built from synthetic data is stamped "Synthetic
data" inside the image (`stamp`), and its CSV carries a `data_status` column.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..core.artifacts import SYNTHETIC, SYNTHETIC_STAMP
from .tables import output_dir, save_csv

STAMP_COLOUR = "#B00020"  # dark red on white: legible, and not one of the data palettes


def stamp(fig, text: str = SYNTHETIC_STAMP):
    """Write `text` in a boxed label above the top right corner of the figure, outside every
    axes, so it covers no data; the image is saved with a tight bounding box, which grows to
    include it. Returns the text artist."""
    return fig.text(
        1.0,
        1.0,
        text,
        ha="right",
        va="bottom",
        fontsize=11,
        fontweight="bold",
        color=STAMP_COLOUR,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": STAMP_COLOUR, "linewidth": 1.2},
        transform=fig.transFigure,
    )


def save_figure(fig, data, chapter: str, name: str, data_status: str | None = None) -> dict:
    """Save `fig` as PNG and `data` (a DataFrame) as CSV; close the figure; return both paths.

    With `data_status` "synthetic" the image is stamped "Synthetic data" and the CSV gets a
    `data_status` column; any other status marks the CSV only; None marks nothing.
    PNG metadata is emptied so that the bytes depend only on the drawing.
    """
    png = output_dir(chapter) / f"{name}.png"
    if data_status == SYNTHETIC:
        stamp(fig)
    fig.savefig(png, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    csv = save_csv(data, chapter, name, data_status)
    return {"png": png.as_posix(), "csv": csv}
