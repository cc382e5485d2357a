"""Computed values put into a chapter's prose with myst-nb `glue`."""

from __future__ import annotations

from IPython.display import Markdown
from myst_nb import glue

from ..core.artifacts import MarkdownText


def glue_all(mapping) -> None:
    """Glue every value of `mapping` under its key, without displaying it (display=False),
    so that markdown cells can paste it with {glue:text}`key` or {glue:md}`key`
    (`MarkdownText` values are glued as markdown)."""
    for key, value in mapping.items():
        glue(key, Markdown(value) if isinstance(value, MarkdownText) else value, display=False)
