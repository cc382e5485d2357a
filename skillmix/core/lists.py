"""Cells that hold several codes or sources separated by ';'."""

from __future__ import annotations

SEPARATOR = ";"


def split_codes(text) -> list[str]:
    """A ';'-separated cell as its stripped, non-empty parts, in the order given."""
    return [part.strip() for part in str(text or "").split(SEPARATOR) if part.strip()]
