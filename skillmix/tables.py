"""Reading a CSV input that must exist and have given columns, with a precise error if not."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .paths import relative


def read_csv_checked(path, columns, what: str, **read_options) -> pd.DataFrame:
    """Read `path`; raise InputError naming the file if it is missing or lacks a column."""
    path = Path(path)
    file = relative(path)
    if not path.is_file():
        raise InputError(f"{what} not found", file=file)
    table = pd.read_csv(path, **read_options)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError("missing column", file=file, column=missing[0], allowed=columns)
    return table
