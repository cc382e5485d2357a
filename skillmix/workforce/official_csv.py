"""Readers for two official NHS England workforce CSV formats.

1. **General Practice Workforce, practice level** ("General Practice – <Month YYYY>
   Practice Level - Detailed.csv" and earlier "... Practice Level.csv"): one row per
   practice, wide columns. The loader needs `PRAC_CODE` and the staff-group FTE totals
   `TOTAL_GP_FTE` (all GPs incl. trainees), `TOTAL_GP_EXTGL_FTE` (fully qualified permanent
   GPs: excluding training grades and locums), `TOTAL_NURSES_FTE`, `TOTAL_DPC_FTE` and
   `TOTAL_ADMIN_FTE`; it also uses `TOTAL_GP_EXTG_FTE` (fully qualified, excluding
   training grades) and `TOTAL_PATIENTS` when present, and ignores the many other columns
   (geography codes, role breakdowns, headcounts).
2. **Primary Care Network Workforce, individual level** ("Primary Care Networks – <Month
   YYYY> Individual Level.csv"): one row per staff record with `Data_source`,
   `CENSUS_YEAR`, `CENSUS_MONTH`, `PCN_CODE`, `PCN_NAME`, `SUB_ICB_CODE`, `SUB_ICB_NAME`,
   `ICB_CODE`, `ICB_NAME`, `COMM_REGION_CODE`, `COMM_REGION_NAME`, `STAFF_GROUP`,
   `STAFF_ROLE`, `DETAILED_STAFF_ROLE`, `FTE`, `UNIQUE_IDENTIFIER`.

Where the column names were seen (public copies, found with the project's code search):
* practice level: the README of HealthEquityEvidenceCentre/HEEC, `data/workforce/README.md`
  (reads `PRAC_CODE, TOTAL_PATIENTS, TOTAL_GP_EXTGL_FTE, TOTAL_GP_FTE, TOTAL_NURSES_FTE,
  TOTAL_GP_EXL_FTE, TOTAL_DPC_FTE, TOTAL_ADMIN_FTE` from the NHS Digital files, and says
  `TOTAL_GP_EXTGL_*` is fully qualified permanent GPs); two further public scripts that list
  the full header (`PRAC_CODE, PRAC_NAME, PCN_CODE, ..., REGION_NAME, TOTAL_PATIENTS,
  GP_SOURCE, TOTAL_GP_HC, TOTAL_GP_EXTG_HC, TOTAL_GP_EXL_HC, TOTAL_GP_EXTGL_HC, ...,
  TOTAL_NURSES_FTE, ..., TOTAL_DPC_FTE, ..., TOTAL_ADMIN_FTE, ...`) and that read the
  older files with the missing-value codes `NA`, `EST`, `NS`, `ND` and `.`;
* PCN individual level: the header row of the official file as stored in
  HealthEquityEvidenceCentre/HEEC, `data/pcn_workforce/raw/3.Primary Care Networks –
  September 2020 Individual Level.csv`, and the column list in eamazon/datawarp-v2.1,
  `output/pcn_workforce_networks_individual_level.md`. `STAFF_GROUP` values seen there:
  "Other Direct Patient Care staff", "Other Admin/Non-clinical staff", "Other Nurses",
  "Directors", "Other GPs"; `Data_source` values "NWRS Staff" and "NWRS contracted services".

Caveat (data/workforce/README.md, item 9): practice-level CSVs exclude fully-estimated
records, so their sums are **not** the published national totals (for September 2015,
about 27,369 permanent GP FTE summed against 28,515 in the bulletin).

Errors are `skillmix.core.errors.InputError` naming the file, the line (the header being
line 1), the column, the value and what is allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.csv_input import HEADER_LINE, line_of, read_csv
from ..core.errors import InputError
from ..core.paths import relative

PRACTICE_REQUIRED = (
    "PRAC_CODE",
    "TOTAL_GP_FTE",
    "TOTAL_GP_EXTGL_FTE",
    "TOTAL_NURSES_FTE",
    "TOTAL_DPC_FTE",
    "TOTAL_ADMIN_FTE",
)
PRACTICE_OPTIONAL = ("TOTAL_GP_EXTG_FTE", "TOTAL_PATIENTS")
# Codes the official files use for a value that is not available (estimated, not supplied ...).
MISSING_CODES = ("", "NA", "EST", "NS", "ND", ".")
# Practice CSV column -> series id of the curated file.
PRACTICE_SERIES = {
    "TOTAL_GP_FTE": "gp_all_incl_trainees_fte",
    "TOTAL_GP_EXTG_FTE": "gp_fully_qualified_fte",
    "TOTAL_GP_EXTGL_FTE": "gp_permanent_fte",
    "TOTAL_NURSES_FTE": "gp_nurses_fte",
    "TOTAL_DPC_FTE": "gp_dpc_fte",
    "TOTAL_ADMIN_FTE": "gp_admin_fte",
}

PCN_REQUIRED = ("CENSUS_YEAR", "CENSUS_MONTH", "PCN_CODE", "STAFF_GROUP", "STAFF_ROLE", "FTE")
PCN_OPTIONAL = (
    "Data_source",
    "DETAILED_STAFF_ROLE",
    "UNIQUE_IDENTIFIER",
    "ICB_CODE",
    "ICB_NAME",
    "COMM_REGION_CODE",
    "COMM_REGION_NAME",
    "PCN_NAME",
    "SUB_ICB_CODE",
    "SUB_ICB_NAME",
)
PCN_STAFF_GROUPS = (
    "Other Direct Patient Care staff",
    "Other Admin/Non-clinical staff",
    "Other Nurses",
    "Directors",
    "Other GPs",
)
PCN_DATA_SOURCES = ("NWRS Staff", "NWRS contracted services")
MAX_FTE = 2.0  # one record above two full-time posts is a data error, not a person

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _read(path, required, what: str) -> pd.DataFrame:
    """The file through the one CSV reader (other columns kept), with `row`, the line of each record.

    A file with no data rows fails with an InputError (the reader handles the rest).
    """
    frame = read_csv(path, required, what=what, exact=False)
    if frame.empty:
        raise InputError("no data rows", file=relative(Path(path)), line=HEADER_LINE + 1)
    frame.insert(0, "row", [line_of(i) for i in range(len(frame))])
    return frame


def _bad_cell(problem, path, line, column, value, allowed=None) -> InputError:
    """The error for one cell of the file: its line (the header being line 1) and column."""
    return InputError(problem, file=relative(path), line=int(line), column=column, value=value, allowed=allowed)


def _numbers(frame, column, path, *, allow_missing: bool, maximum=None) -> pd.Series:
    """A text column as floats; missing codes become NaN (if allowed); anything else fails."""
    out = np.empty(len(frame))
    for i, (line, text) in enumerate(zip(frame["row"], frame[column])):
        text = text.strip()
        if text in MISSING_CODES:
            if not allow_missing:
                raise _bad_cell("value missing", path, line, column, text, ["a number >= 0"])
            out[i] = np.nan
            continue
        try:
            value = float(text)
        except ValueError:
            codes = [f"missing codes {', '.join(repr(c) for c in MISSING_CODES)}"] if allow_missing else []
            raise _bad_cell("not a number", path, line, column, text, ["a number >= 0", *codes]) from None
        if not np.isfinite(value) or value < 0 or (maximum is not None and value > maximum):
            allowed = f"0 to {maximum}" if maximum else "a finite number >= 0"
            raise _bad_cell("number out of range", path, line, column, text, [allowed])
        out[i] = value
    return pd.Series(out, index=frame.index)


def period_from_name(path) -> str:
    """The reference date (last day of the month) named in an official file name.

    'General Practice – September 2023 Practice Level - Detailed.csv' -> '2023-09-30'.
    """
    name = Path(path).name.lower()
    match = re.search(r"(" + "|".join(MONTHS) + r")[\s_-]*(\d{4})", name)
    if not match:
        raise InputError(
            "cannot tell the reference month from the file name; keep the official name, "
            "which contains '<Month> <YYYY>'",
            file=relative(path),
            value=Path(path).name,
            allowed=["e.g. 'General Practice – September 2023 Practice Level - Detailed.csv'"],
        )
    month = MONTHS.index(match.group(1)) + 1
    end = pd.Timestamp(int(match.group(2)), month, 1) + pd.offsets.MonthEnd(0)
    return end.date().isoformat()


def load_practice_csv(path) -> pd.DataFrame:
    """An official practice-level General Practice Workforce CSV, validated.

    Returns one row per practice with `row`, `PRAC_CODE` and float FTE columns (NaN where
    the file has a missing code). Fails on a missing required column, a duplicated or empty
    practice code, or an FTE that is not a number, negative or infinite.
    """
    frame = _read(path, PRACTICE_REQUIRED, "practice-level CSV")
    codes = frame["PRAC_CODE"].str.strip()
    for line, code in zip(frame["row"], codes):
        if not code:
            raise _bad_cell("practice code is empty", path, line, "PRAC_CODE", code)
    dup = codes.duplicated()
    if dup.any():
        first = frame.loc[dup.idxmax()]
        raise _bad_cell("practice code appears twice", path, first["row"], "PRAC_CODE", codes[dup.idxmax()])
    out = pd.DataFrame({"row": frame["row"], "PRAC_CODE": codes})
    for column in PRACTICE_REQUIRED[1:] + tuple(c for c in PRACTICE_OPTIONAL if c in frame.columns):
        out[column] = _numbers(frame, column, path, allow_missing=True)
        if out[column].isna().all():
            raise InputError(
                "every practice's value is missing or estimated: nothing to sum",
                file=relative(Path(path)),
                column=column,
                allowed=["at least one practice with a number"],
            )
    return out


def practice_totals(practices: pd.DataFrame) -> dict:
    """National sums of the practice rows, by curated series id (missing codes skipped)."""
    totals = {}
    for column, series in PRACTICE_SERIES.items():
        if column in practices.columns:
            totals[series] = float(practices[column].sum(skipna=True))
    return totals


def practice_missing(practices: pd.DataFrame) -> dict:
    """How many practice rows have a missing code, by curated series id."""
    return {
        series: int(practices[column].isna().sum())
        for column, series in PRACTICE_SERIES.items()
        if column in practices.columns
    }


def load_pcn_csv(path) -> pd.DataFrame:
    """An official PCN Workforce individual-level CSV, validated.

    Returns the records with `row`, the text columns, `period` (last day of the census
    month) and float `FTE`. Fails on a missing required column, a census year or month that
    is not a valid number, an unknown STAFF_GROUP or Data_source, or an FTE that is missing,
    not a number, negative or above MAX_FTE.
    """
    frame = _read(path, PCN_REQUIRED, "PCN individual-level CSV")
    for rec in frame.itertuples(index=False):
        year, month = rec.CENSUS_YEAR.strip(), rec.CENSUS_MONTH.strip()
        if not re.fullmatch(r"20\d{2}", year):
            raise _bad_cell("census year must be YYYY", path, rec.row, "CENSUS_YEAR", year, ["2019 to 2099"])
        if not re.fullmatch(r"\d{1,2}", month) or not 1 <= int(month) <= 12:
            raise _bad_cell("census month must be 1 to 12", path, rec.row, "CENSUS_MONTH", month, ["1 to 12"])
        if rec.STAFF_GROUP not in PCN_STAFF_GROUPS:
            raise _bad_cell("unknown staff group", path, rec.row, "STAFF_GROUP", rec.STAFF_GROUP, PCN_STAFF_GROUPS)
    if "Data_source" in frame.columns:
        bad = ~frame["Data_source"].isin(PCN_DATA_SOURCES)
        if bad.any():
            first = frame[bad].iloc[0]
            raise _bad_cell(
                "unknown data source", path, first["row"], "Data_source", first["Data_source"], PCN_DATA_SOURCES
            )
    fte = _numbers(frame, "FTE", path, allow_missing=False, maximum=MAX_FTE)
    keep = ["row"] + [c for c in PCN_REQUIRED + PCN_OPTIONAL if c in frame.columns and c != "FTE"]
    out = frame[keep].copy()
    out["FTE"] = fte
    ends = [
        (pd.Timestamp(int(y), int(m), 1) + pd.offsets.MonthEnd(0)).date().isoformat()
        for y, m in zip(out["CENSUS_YEAR"], out["CENSUS_MONTH"])
    ]
    out["period"] = ends
    return out


def pcn_totals(records: pd.DataFrame, by=("period", "STAFF_GROUP")) -> pd.DataFrame:
    """National FTE sums of PCN records (by period and staff group unless `by` says otherwise)."""
    by = list(by)
    return records.groupby(by, sort=True)["FTE"].agg(fte="sum", records="size").reset_index()
