"""The one reader for CSV inputs: a checked header, text cells, and one way of naming rows.

Rows are named in messages by their line in the file: the header is line 1, so the data row
at position `i` (0-based) is line `i + 2` (`line_of`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .paths import relative

HEADER_LINE = 1


def line_of(index: int) -> int:
    """The line in the file of the data row at 0-based position `index`."""
    return index + HEADER_LINE + 1


def read_csv(path, columns, *, what: str = "file", exact: bool = True, text: bool = True,
             **read_options) -> pd.DataFrame:
    """Read `path`, checking that it exists and has every column in `columns`.

    `text` keeps every cell as a string (empty cells as ''); `exact` refuses columns that are
    not in `columns` and returns the columns in the declared order. Errors name the file and,
    for the header, line 1.
    """
    path = Path(path)
    file = relative(path)
    if not path.is_file():
        raise InputError(f"{what} not found", file=file)
    options = {"dtype": str, "keep_default_na": False} if text else {}
    frame = pd.read_csv(path, encoding="utf-8-sig", **options, **read_options)
    columns = list(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError("required column missing", file=file, line=HEADER_LINE, column=missing[0],
                         allowed=columns)
    if exact:
        extra = [c for c in frame.columns if c not in columns]
        if extra:
            raise InputError("unexpected column", file=file, line=HEADER_LINE, column=extra[0], allowed=columns)
        frame = frame[columns]
    return frame.reset_index(drop=True)
