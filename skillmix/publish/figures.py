"""Figures saved as PNG beside a CSV of the plotted data, under `outputs/<chapter>/`.

The notebook's markdown shows each with a `{figure}` directive (caption, alt text) and a
`{download}` link to the CSV. Nothing is displayed in the code cell, so nbval never
compares a figure's text repr.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

from .tables import output_dir, save_csv


def save_figure(fig, data, chapter: str, name: str) -> dict:
    """Save `fig` as PNG and `data` (a DataFrame) as CSV; close the figure; return both paths.

    PNG metadata is emptied so that the bytes depend only on the drawing.
    """
    png = output_dir(chapter) / f"{name}.png"
    fig.savefig(png, metadata={"Software": None})
    plt.close(fig)
    csv = save_csv(data, chapter, name)
    return {"png": png.as_posix(), "csv": csv}
