"""The publishing layer: the only code that writes what a reader or a download sees.

A notebook builds its chapter façade, then hands each object it returns to a `Publisher`:

    out = Publisher("workforce")
    out.glue(chapter.coverage_values())     # values for {glue:text} in the prose
    out.figure(chapter.staff_mix_figure())  # a core.artifacts.Figure: SVG + CSV
    out.table(chapter.ratio_table())        # a core.artifacts.Table: "Table 1.2", shown, and its CSV

Files go under `outputs/<chapter>/`, relative to the notebook's working directory.

Data status: a Table, Figure or `core.artifacts.Values` built from synthetic data carries
`data_status="synthetic"` (the façade decides). Its CSV then has a `data_status` column, a
figure's image is stamped "Synthetic data", and marked glued keys are listed in
`outputs/<chapter>/data_status.csv` for the claims ledger. `out.glue(values,
data_status="synthetic")` marks every key of a plain dict. Unmarked objects carry no mark.
"""

from __future__ import annotations

__all__ = ["Publisher", "Figure", "Table", "Values"]


def __getattr__(name: str):
    """`Publisher` and the artifact types, imported on first use: the book's Sphinx extensions
    live in this package too, and must not pay for the plotting stack at every build."""
    if name in __all__:
        from . import publisher

        return getattr(publisher, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
