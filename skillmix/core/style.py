"""The look of the book's figures: colour-blind-safe palettes and one plotting style.

Domain plot modules draw with these; `skillmix.publish` saves what they draw.
"""

from __future__ import annotations

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
    """Apply the book's plotting style (called once per notebook by the publishing layer)."""
    sns.set_theme(style="whitegrid", palette=list(OKABE_ITO), font_scale=1.05)
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "svg.hashsalt": "skillmix",
            "figure.max_open_warning": 0,
        }
    )
