"""The look of the book's figures: colour-blind-safe palettes, one plotting style and the sizes
that keep every figure legible on a phone.

Domain plot modules draw with these; `skillmix.publish` saves what they draw (as SVG).

Legibility: a figure fills the width of the book's column on a phone: 342 CSS px on a 390 px
screen (measured in headless Chromium: the 358 px column less the figure's margins). On a
1366 px laptop the column is about 757 px and `_static/figures.css` stops a figure at 600 px.
Text of `font_pt` points in a figure `width_in` inches wide then appears at
`font_pt * column_px / (width_in * 72)` px (`rendered_px`). For at least `MIN_TEXT_PX` (9 px)
on the phone every text must be at least 1.9 pt per inch of figure width: figures are drawn
`WIDTH` (5.5 in) wide with no text under `FONT_PT` (11 pt), which gives 9.2 to 9.5 px once the
tight bounding box has added its margin (about 16 px on the laptop). The publishing layer
measures every saved figure and refuses one whose smallest text would be under 9 px.

Importing this module configures matplotlib (the Agg backend and `setup`), so every module that
draws, all of which take their sizes and colours from here, draws in the book's style; a chapter
that draws nothing never loads matplotlib.
"""

from __future__ import annotations

import matplotlib
from cycler import cycler
from matplotlib.colors import to_rgb

matplotlib.use("Agg")

# Okabe-Ito: distinguishable with the common forms of colour-blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
# Diverging ramp for Likert charts (disagree -> agree), colour-blind safe (ColorBrewer PuOr).
LIKERT_COLOURS = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")
SEQUENTIAL = "viridis"

WIDTH = 5.5  # inches: the width every figure is drawn at (its saved width stays close to it)
FONT_PT = 11  # points: the smallest text in any figure (ticks, legends, annotations)
TITLE_PT = 12  # points: panel titles
PHONE_COLUMN_PX = 342  # CSS px: a figure's width on a 390 px wide phone (measured)
LAPTOP_FIGURE_PX = 600  # CSS px: a figure's width on a 1366 px laptop (_static/figures.css)
MIN_TEXT_PX = 9  # CSS px: the smallest text a reader should meet at either width


def rendered_px(font_pt: float, width_in: float, column_px: float = PHONE_COLUMN_PX) -> float:
    """CSS px of text `font_pt` points high in a figure `width_in` inches wide shown at
    `column_px` px wide."""
    return font_pt * column_px / (width_in * 72)


# What seaborn's `set_theme(style="whitegrid", palette=OKABE_ITO)` sets (seaborn 0.13), written
# out so that a chapter drawing with matplotlib alone does not load seaborn and, through it,
# scipy.stats (about a second per kernel). Font sizes are the book's own (`setup`); seaborn's
# default colour map ("rocket") is left out: every figure names its colour map.
WHITEGRID = {
    "axes.axisbelow": True,
    "axes.edgecolor": ".8",
    "axes.grid": True,
    "axes.labelcolor": ".15",
    "axes.linewidth": 1.25,
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "grid.color": ".8",
    "grid.linewidth": 1.0,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "text.color": ".15",
    "xtick.bottom": False,
    "xtick.color": ".15",
    "xtick.major.size": 6.0,
    "xtick.major.width": 1.25,
    "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0,
    "ytick.left": False,
    "ytick.color": ".15",
    "ytick.major.size": 6.0,
    "ytick.major.width": 1.25,
    "ytick.minor.size": 4.0,
    "ytick.minor.width": 1.0,
}


def setup() -> None:
    """Apply the book's plotting style (done when this module is first imported)."""
    matplotlib.rcParams.update(WHITEGRID)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=[to_rgb(c) for c in OKABE_ITO])
    matplotlib.rcParams.update(
        {
            "font.size": FONT_PT,
            "axes.titlesize": TITLE_PT,
            "axes.labelsize": FONT_PT,
            "xtick.labelsize": FONT_PT,
            "ytick.labelsize": FONT_PT,
            "legend.fontsize": FONT_PT,
            "legend.title_fontsize": FONT_PT,
            "figure.titlesize": TITLE_PT,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            # SVG: text drawn as paths (the same glyphs in every browser), ids from a fixed salt
            # so that the same drawing gives the same bytes.
            "svg.fonttype": "path",
            "svg.hashsalt": "skillmix",
            "figure.max_open_warning": 0,
        }
    )


setup()
