"""Computed values put into a chapter's prose with myst-nb `glue`."""
from __future__ import annotations

from myst_nb import glue


def glue_all(mapping) -> None:
    """Glue every value of `mapping` under its key, without displaying it (display=False),
    so that markdown cells can paste it with {glue:text}`key` or {glue:md}`key`."""
    for key, value in mapping.items():
        glue(key, value, display=False)
