"""Shared look of the book's figures and how each one is saved with the data behind it.

Figures are written as PNG files next to a CSV of the plotted data under the chapter's
`outputs/<chapter>/` folder; the notebook's markdown shows them with a `{figure}` directive
(caption, alt text) and a `{download}` link to the CSV. Nothing is displayed in the code
cell, so nbval never compares a figure's text repr.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

# Okabe-Ito: distinguishable with the common forms of colour-blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
# Diverging ramp for Likert charts (disagree -> agree), colour-blind safe (ColorBrewer PuOr).
LIKERT_COLOURS = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")
SEQUENTIAL = "viridis"


def setup() -> None:
    """Apply the book's plotting style (call once per notebook)."""
    sns.set_theme(style="whitegrid", palette=list(OKABE_ITO), font_scale=1.05)
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 150, "savefig.bbox": "tight",
                         "svg.hashsalt": "skillmix", "figure.max_open_warning": 0})


def output_dir(chapter: str) -> Path:
    """The chapter's output folder, relative to the notebook's working directory."""
    path = Path("outputs") / chapter
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(fig, data, chapter: str, name: str) -> dict:
    """Save `fig` as PNG and `data` (a DataFrame) as CSV; close the figure; return both paths.

    PNG metadata is emptied so that the bytes depend only on the drawing.
    """
    folder = output_dir(chapter)
    png, csv = folder / f"{name}.png", folder / f"{name}.csv"
    fig.savefig(png, metadata={"Software": None})
    plt.close(fig)
    save_table(data, chapter, name)
    return {"png": png.as_posix(), "csv": csv.as_posix()}


def save_table(data, chapter: str, name: str) -> str:
    """Write a DataFrame as CSV under the chapter's outputs, byte-stable across runs."""
    path = output_dir(chapter) / f"{name}.csv"
    data.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return path.as_posix()
