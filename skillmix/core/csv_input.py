"""The one reader for CSV inputs: a checked header, text cells, and one way of naming rows.

Rows are named in messages by their line in the file: the header is line 1, so the data row
at position `i` (0-based) is line `i + 2` (`line_of`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .errors import InputError
from .paths import relative

HEADER_LINE = 1


def line_of(index: int) -> int:
    """The line in the file of the data row at 0-based position `index`."""
    return index + HEADER_LINE + 1


def read_csv(
    path, columns, *, what: str = "file", exact: bool = True, text: bool = True, **read_options
) -> pd.DataFrame:
    """Read `path`, checking that it exists, is UTF-8 CSV and has every column in `columns`.

    `text` keeps every cell as a string (empty cells as ''); `exact` refuses columns that are
    not in `columns` and returns the columns in the declared order. Errors name the file and,
    for the header, line 1.
    """
    path = Path(path)
    file = relative(path)
    if not path.is_file():
        raise InputError(f"{what} not found", file=file)
    options = {"dtype": str, "keep_default_na": False} if text else {}
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", **options, **read_options)
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty (no header line)", file=file) from None
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            raise InputError(
                f"row has {found.group(3)} fields, the header has {found.group(1)} (an unquoted comma?)",
                file=file,
                line=int(found.group(2)),
            ) from None
        raise InputError(f"not a readable CSV ({exc})", file=file) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not a UTF-8 text file ({exc.reason})", file=file) from None
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas takes surplus leading fields as an index when every row has too many fields.
        raise InputError("rows have more fields than the header (an unquoted comma?)", file=file, line=HEADER_LINE + 1)
    columns = list(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError("required column missing", file=file, line=HEADER_LINE, column=missing[0], allowed=columns)
    if exact:
        extra = [c for c in frame.columns if c not in columns]
        if extra:
            raise InputError("unexpected column", file=file, line=HEADER_LINE, column=extra[0], allowed=columns)
        frame = frame[columns]
    return frame.reset_index(drop=True)
