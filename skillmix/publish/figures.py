"""Figures saved as SVG beside a CSV of the plotted data, under `outputs/<chapter>/`.

The notebook's markdown shows each with a `{figure}` directive (caption, alt text, `:width:
100%`, so that the page links the image to its full-size copy) and a `{download}` link to the
CSV. Nothing is displayed in the code cell, so nbval never compares a figure's text repr. A
figure built from synthetic data is stamped "Synthetic data" inside the image (`stamp`), and
its CSV carries a `data_status` column.

SVG, not PNG: the figure stays sharp when a reader enlarges it, and its bytes depend only on
the drawing (text as paths, ids from the fixed `svg.hashsalt` of `core.style`, no date or
software metadata), so a rerun leaves `git status` clean. Every saved figure is measured
(`legibility`): one whose smallest text would be under `style.MIN_TEXT_PX` on a phone is
refused with `IllegibleFigure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.transforms import ScaledTranslation

from ..core import style
from ..core.artifacts import SYNTHETIC, SYNTHETIC_STAMP
from .tables import output_dir, save_csv

STAMP_COLOUR = "#B00020"  # dark red on white: legible, and not one of the data palettes
# No date and no software version: the bytes depend only on the drawing.
SVG_METADATA = {"Date": None, "Creator": None}

# matplotlib writes each text drawn as paths as a comment holding the text, then a group
# scaled by font size / 100 (`scale(s -s)`).
_SVG_TEXT = re.compile(r"<!-- ((?:(?!-->).)*?) -->\s*<g [^>]*?transform=\"[^\"]*?scale\(([0-9.]+) -[0-9.]+\)\"", re.S)
_SVG_WIDTH = re.compile(r"<svg [^>]*?width=\"([0-9.]+)pt\"")


class IllegibleFigure(ValueError):
    """A figure whose smallest text would be under `style.MIN_TEXT_PX` on a phone."""


@dataclass(frozen=True)
class Legibility:
    """The smallest text of a saved SVG and the figure's width."""

    text: str  # the smallest text (the first drawn, if several share its size)
    font_pt: float
    width_in: float

    def px(self, column_px: float = style.PHONE_COLUMN_PX) -> float:
        """CSS px of the smallest text when the figure is shown `column_px` wide."""
        return style.rendered_px(self.font_pt, self.width_in, column_px)


def svg_texts(svg: str) -> list[tuple[str, float]]:
    """Every text drawn in a matplotlib SVG with its size in points, in drawing order."""
    return [(text, round(float(scale) * 100, 2)) for text, scale in _SVG_TEXT.findall(svg)]


def legibility(svg: str) -> Legibility:
    """The smallest text of a matplotlib SVG and the figure's width in inches."""
    width = _SVG_WIDTH.search(svg)
    if width is None:
        raise ValueError("not a matplotlib SVG: no width in points")
    texts = svg_texts(svg)
    text, size = min(texts, key=lambda t: t[1]) if texts else ("", float("inf"))
    return Legibility(text, size, float(width.group(1)) / 72)


def stamp(fig, text: str = SYNTHETIC_STAMP):
    """Write `text` in a boxed label above the top right corner of the figure, 8 pt clear of
    it, outside every axes and title, so it covers no data; the image is saved with a tight
    bounding box, which grows to include it. Returns the text artist."""
    above = fig.transFigure + ScaledTranslation(0, 8 / 72, fig.dpi_scale_trans)
    return fig.text(
        1.0,
        1.0,
        text,
        ha="right",
        va="bottom",
        fontsize=style.TITLE_PT,
        fontweight="bold",
        color=STAMP_COLOUR,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": STAMP_COLOUR, "linewidth": 1.2},
        transform=above,
    )


def save_figure(fig, data, chapter: str, name: str, data_status: str | None = None) -> dict:
    """Save `fig` as SVG and `data` (a DataFrame) as CSV; close the figure; return both paths.

    With `data_status` "synthetic" the image is stamped "Synthetic data" and the CSV gets a
    `data_status` column; any other status marks the CSV only; None marks nothing.
    Raises `IllegibleFigure` (after writing both, so the image can be looked at) when the
    figure's smallest text would be under `style.MIN_TEXT_PX` on a phone.
    """
    svg = output_dir(chapter) / f"{name}.svg"
    if data_status == SYNTHETIC:
        stamp(fig)
    fig.savefig(svg, format="svg", metadata=SVG_METADATA, bbox_inches="tight")
    plt.close(fig)
    csv = save_csv(data, chapter, name, data_status)
    check_legible(svg)
    return {"svg": svg.as_posix(), "csv": csv}


def check_legible(path: Path) -> Legibility:
    """Raise `IllegibleFigure` if the smallest text of the SVG at `path` would be under
    `style.MIN_TEXT_PX` on a phone; otherwise return its measurements."""
    measured = legibility(Path(path).read_text(encoding="utf-8"))
    if measured.px() < style.MIN_TEXT_PX:
        raise IllegibleFigure(
            f"{path}: text {measured.text!r} of {measured.font_pt:g} pt in a figure {measured.width_in:.2f} in "
            f"wide is {measured.px():.1f} px on a phone (figure {style.PHONE_COLUMN_PX} px wide); at least "
            f"{style.MIN_TEXT_PX} px is needed: draw the figure narrower or its text larger "
            f"(core.style.WIDTH, core.style.FONT_PT)"
        )
    return measured
