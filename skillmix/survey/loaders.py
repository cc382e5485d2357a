"""Read survey responses from CSV, Excel (.xlsx), SPSS (.sav) or a Qualtrics-style CSV export.

All four are mapped onto the code book (labels or codes -> codes) and checked by
`skillmix.survey.validate`; the result is the same tidy frame whatever the format. The
input file is only ever opened for reading.

Formats:
- CSV: one header row with the code book's column names, then one row per respondent.
  Values may be codes (`4`, `nurse`) or labels (`agree`, `Nurse`).
- Excel: the first sheet, laid out like the CSV.
- SPSS .sav: variables named as in the code book; numeric variables with value labels are
  read through their labels (so `1 = "Nurse"` works whatever the numbers), Likert items
  through their numeric codes; user-defined missing values are kept (so a don't know
  declared missing as 9 stays 9).
- Qualtrics-style CSV export: the header row (question export tags, which must be set to
  the code book's column names, or renamed with `column_map`), a row of question texts, a
  row of `{"ImportId": ...}` JSON, then the responses. Qualtrics metadata columns (StartDate,
  IPAddress, ResponseId, ...) are dropped; `ResponseId` becomes `respondent_id` when the
  export has none. Choice texts (labels) are mapped to codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.errors import InputError
from ..core.hashing import sha256_file as sha256
from ..core.paths import DATA, relative
from . import codebook as cb
from . import validate

QUALTRICS_META = (
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
)
FORMATS = ("csv", "qualtrics", "xlsx", "sav")
SYNTHETIC_DEFAULT = DATA / "survey" / "synthetic_responses.csv"


@dataclass
class Responses:
    """A validated response table and where it came from."""

    frame: pd.DataFrame
    file: str  # shown to readers: relative path or file name
    format: str
    sha256: str
    synthetic: bool


def detect_format(path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".sav", ".zsav"):
        return "sav"
    if suffix in (".csv", ".txt"):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = []
            for row in csv.reader(fh):
                rows.append(row)
                if len(rows) == 3:
                    break
        if len(rows) == 3 and any(cell.strip().startswith('{"ImportId"') for cell in rows[2]):
            return "qualtrics"
        return "csv"
    raise InputError(
        "unsupported file type for survey responses",
        file=relative(path),
        value=path.suffix,
        allowed=".csv (plain or Qualtrics export), .xlsx, .sav",
    )


def _coded_dtypes(book: cb.Codebook, columns) -> dict:
    coded = set(book.profile) | set(book.item_columns())
    return {c: ("category" if c in coded else str) for c in columns}


def _read_text(path: Path, book: cb.Codebook, column_map: dict | None, header_rows: int) -> pd.DataFrame:
    """A CSV whose first row names the columns (renamed by `column_map`) and whose responses
    follow `header_rows` header rows; coded columns read as categories, the others as text."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    header = [column_map.get(c, c) for c in header] if column_map else list(header)
    return pd.read_csv(
        path,
        dtype=_coded_dtypes(book, header),
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8-sig",
        names=header,
        skiprows=header_rows,
    )


UNREADABLE = {
    "csv": "not a readable CSV file",
    "qualtrics": "not a readable Qualtrics CSV export",
    "xlsx": "not a readable Excel workbook (.xlsx)",
    "sav": "not a readable SPSS data file (.sav)",
}


def read_raw(
    path, fmt: str | None = None, book: cb.Codebook | None = None, column_map: dict | None = None
) -> tuple[pd.DataFrame, int, str]:
    """The table as read (before coding), the file row of its first response, and the format.

    A file that its reader cannot read (empty, not UTF-8, truncated, of another kind than its
    name says) or that holds no responses fails with an InputError naming the file.
    """
    path = Path(path)
    shown = relative(path)
    if not path.is_file():
        raise InputError("file not found", file=shown)
    if path.stat().st_size == 0:
        raise InputError("the file is empty", file=shown)
    try:
        raw, first_row, fmt = _read_raw(path, fmt, book or cb.load(), column_map)
    except InputError:
        raise
    except UnicodeDecodeError as exc:
        raise InputError(f"not a UTF-8 text file ({exc.reason}); save the export as CSV UTF-8", file=shown) from None
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty (no header row)", file=shown) from None
    except Exception as exc:  # noqa: BLE001 - each reader raises its own kinds; all mean "cannot read"
        kind = UNREADABLE.get(fmt or detect_format(path), "not a readable file")
        raise InputError(f"{kind} ({type(exc).__name__}: {str(exc)[:120]})", file=shown) from None
    if raw.empty:
        raise InputError("no responses: the file has a header but no rows", file=shown, row=first_row)
    return raw, first_row, fmt


def _read_raw(path: Path, fmt: str | None, book: cb.Codebook, column_map: dict | None):
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError("unknown format", value=fmt, allowed=FORMATS)
    if fmt == "csv":
        raw = _read_text(path, book, column_map, header_rows=1)
        first_row = 2
    elif fmt == "qualtrics":
        raw = _read_text(path, book, column_map, header_rows=3)
        if "respondent_id" not in raw.columns and "ResponseId" in raw.columns:
            raw["respondent_id"] = raw["ResponseId"]
        raw = raw.drop(columns=[c for c in QUALTRICS_META if c in raw.columns])
        first_row = 4
    elif fmt == "xlsx":
        raw = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
        if column_map:
            raw = raw.rename(columns=column_map)
        first_row = 2
    else:
        import pyreadstat

        raw, meta = pyreadstat.read_sav(str(path), user_missing=True)
        if column_map:
            raw = raw.rename(columns=column_map)
            meta.variable_value_labels = {column_map.get(k, k): v for k, v in meta.variable_value_labels.items()}
        items = set(book.item_columns())
        for col, labels in meta.variable_value_labels.items():
            if col in raw.columns and col not in items and labels:
                raw[col] = raw[col].map(lambda v, labels=labels: labels.get(v, v) if pd.notna(v) else v)
        first_row = 1
    return raw, first_row, fmt


def is_synthetic(path, frame: pd.DataFrame, digest: str | None = None) -> bool:
    """True for the committed synthetic file, or any file whose ids all come from the generator
    (they start with `codebook.ID_PREFIX`)."""
    if SYNTHETIC_DEFAULT.is_file() and (digest or sha256(path)) == sha256(SYNTHETIC_DEFAULT):
        return True
    ids = frame["respondent_id"].astype(str)
    return bool(len(ids)) and bool(ids.str.startswith(f"{cb.ID_PREFIX}-").all())


def load_responses(
    path, fmt: str | None = None, book: cb.Codebook | None = None, column_map: dict | None = None
) -> Responses:
    """Read, code and validate a response file (see module docstring for the formats)."""
    book = book or cb.load()
    path = Path(path)
    shown = relative(path)
    raw, first_row, fmt = read_raw(path, fmt, book, column_map)
    frame = validate.to_codes(raw, book, file=shown, first_row=first_row)
    validate.check(frame, book, file=shown, first_row=first_row)
    digest = sha256(path)
    return Responses(frame, shown, fmt, digest, is_synthetic(path, frame, digest))
