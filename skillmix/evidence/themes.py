"""The theme code book (`themes.yml`): the themes a record's findings are coded on, and the
definitions of the direction codes of a coded finding."""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.errors import InputError
from ..core.paths import DATA, relative
from ..core.yaml_spec import load_yaml

EVIDENCE = DATA / "evidence"
THEMES = EVIDENCE / "themes.yml"
THEME_FIELDS = ("label", "definition", "include")
DIRECTIONS = ("barrier", "enabler", "mixed", "neutral")


def load_themes(path=THEMES) -> pd.DataFrame:
    """The theme code book as a frame (theme, label, definition, include), in vocabulary order.

    Every theme of `vocab.THEMES` must be defined, with every field of THEME_FIELDS, and
    nothing else; every direction of DIRECTIONS must be defined. Errors name the key path.
    """
    book, _ = load_yaml(path)
    book = book or {}
    file = relative(path)
    themes = book.get("themes") or {}
    directions = book.get("directions") or {}
    for name in themes:
        if name not in vocab.THEMES:
            raise InputError(
                "theme not in the controlled vocabulary", file=file, key="themes", value=name, allowed=vocab.THEMES
            )
    for name in vocab.THEMES:
        if name not in themes:
            raise InputError(
                "theme missing from the code book", file=file, key="themes", value=name, allowed=list(themes)
            )
        for field in THEME_FIELDS:
            if not str((themes[name] or {}).get(field, "")).strip():
                raise InputError(
                    f"theme '{name}' has no {field}", file=file, key=f"themes.{name}.{field}", allowed=THEME_FIELDS
                )
    for name in DIRECTIONS:
        if not str(directions.get(name, "")).strip():
            raise InputError("direction not defined", file=file, key="directions", value=name, allowed=DIRECTIONS)
    rows = [
        {"theme": name, **{f: " ".join(str(themes[name][f]).split()) for f in THEME_FIELDS}} for name in vocab.THEMES
    ]
    return pd.DataFrame(rows)


def theme_labels(code_book: pd.DataFrame) -> dict:
    """Theme code -> the label a reader sees (the code book's `label`)."""
    return dict(zip(code_book["theme"], code_book["label"], strict=True))
