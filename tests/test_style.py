"""The book's plotting style written out equals what seaborn's theme would set."""

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns

from skillmix.core import style

# seaborn's font sizes are replaced by the book's; its colour map is left out (see core.style).
NOT_COPIED = {"font.size", "axes.labelsize", "axes.titlesize", "legend.fontsize", "legend.title_fontsize"}
NOT_COPIED |= {"xtick.labelsize", "ytick.labelsize", "image.cmap"}


def test_whitegrid_is_seaborns_theme():
    with plt.rc_context(rc=matplotlib.rcParamsDefault):
        plain = dict(matplotlib.rcParams)
        sns.set_theme(style="whitegrid", palette=list(style.OKABE_ITO))
        themed = dict(matplotlib.rcParams)
    changed = {key for key in themed if themed[key] != plain[key]}
    assert changed - NOT_COPIED == set(style.WHITEGRID) | {"axes.prop_cycle"}
    assert {key: themed[key] for key in style.WHITEGRID} == style.WHITEGRID
    with plt.rc_context():
        style.setup()
        assert matplotlib.rcParams["axes.prop_cycle"] == themed["axes.prop_cycle"]
