"""Map a raw survey table onto the code book and check it.

Every problem raises `skillmix.core.errors.InputError` naming the file, the row (as a
spreadsheet shows it: the header is row 1, so the first response is row 2; in a
Qualtrics-style export, whose two extra header rows come first, it is row 4; in an SPSS
file, the case number), the column, the bad value and the allowed values. The first
problem found is reported, with the number of further rows that have the same problem.
Nothing is written anywhere.

Checks:
1. every code book column is present;
2. every value of a coded column is a code or a label of the code book (matched ignoring
   case, spaces and punctuation; Likert items accept 1-5, 9 and their labels);
3. required profile answers are not blank; respondent ids are unique;
4. routing: items about a role are blank for respondents who do not work with it;
5. items not in a wave's questionnaire are blank in that wave.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.errors import InputError
from . import codebook as cb


def _first_bad(mask: np.ndarray, problem: str, *, file, first_row: int, column: str, values=None, allowed=None):
    """Raise for the first True of `mask`, counting the others."""
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return
    k = int(idx[0])
    more = len(idx) - 1
    if more:
        problem += f" ({more} more row{'s' if more > 1 else ''} with this problem)"
    value = None if values is None else values[k]
    raise InputError(problem, file=file, row=first_row + k, column=column, value=value, allowed=allowed)


def _blank_where(not_asked: np.ndarray, answers: pd.Series, problem: str, *, file, first_row: int):
    """Raise for the first respondent who answered a question not asked of them (`not_asked`)."""
    _first_bad(
        not_asked & answers.notna().to_numpy(),
        problem,
        file=file,
        first_row=first_row,
        column=answers.name,
        values=answers.to_numpy(),
        allowed="blank",
    )


def _as_text(values: pd.Index) -> list[str]:
    """Distinct raw values as text; whole floats (4.0 from Excel or SPSS) become '4'."""
    out = []
    for v in values:
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            out.append(str(int(v)))
        else:
            out.append(str(v).strip())
    return out


def code_column(series: pd.Series, mapping: dict, *, file, first_row: int, column: str, allowed):
    """Codes for one coded column (None/NaN for blank), via its distinct values only (fast)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = _as_text(uniques)
    mapped = []
    for raw, text in zip(uniques, texts):
        if text == "":
            mapped.append(None)
            continue
        code = mapping.get(cb.normalise_label(text), mapping.get(text))
        if code is None:
            first = int(np.flatnonzero(codes == len(mapped))[0])
            bad = int((codes == len(mapped)).sum())
            problem = "value not in the code book"
            if bad > 1:
                problem += f" ({bad - 1} more row{'s' if bad > 2 else ''} with this value)"
            raise InputError(problem, file=file, row=first_row + first, column=column, value=raw, allowed=allowed)
        mapped.append(code)
    return codes, mapped


def to_codes(raw: pd.DataFrame, book: cb.Codebook, *, file, first_row: int) -> pd.DataFrame:
    """The raw table (any dtypes) as a tidy coded frame.

    Profile columns become pandas Categoricals with the code book's codes as categories (in
    code book order); item columns float64 (1-5, 9, NaN for blank); free text object
    (None for blank); respondent_id text.
    """
    missing = [c for c in book.columns if c not in raw.columns]
    if missing:
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            file=file,
            column=missing[0],
            allowed=book.columns,
        )
    maps = book.label_maps()
    out = {}
    ids = raw["respondent_id"]
    id_text = pd.Series(_as_text(pd.Index(ids.astype(object))), index=raw.index) if len(ids) else ids
    id_text = id_text.where(ids.notna(), "")
    out["respondent_id"] = id_text.astype(object).to_numpy()
    for var, codes in book.profile.items():
        allowed = [f"{c} ({l})" if c != l else c for c, l in codes.items()]
        idx, mapped = code_column(raw[var], maps[var], file=file, first_row=first_row, column=var, allowed=allowed)
        cats = list(codes)
        lookup = np.array([cats.index(m) if m is not None else -1 for m in mapped] + [-1])
        out[var] = pd.Categorical.from_codes(lookup[idx], categories=cats)
    item_allowed = [f"{c} ({l})" for c, l in book.scale.items()] + [
        f"{book.dont_know} ({book.dont_know_label})",
        "blank",
    ]
    for col in book.item_columns():
        idx, mapped = code_column(raw[col], maps[col], file=file, first_row=first_row, column=col, allowed=item_allowed)
        lookup = np.array([float(m) if m is not None else np.nan for m in mapped] + [np.nan])
        out[col] = lookup[idx]
    for col in book.freetext:
        text = raw[col].astype(object)
        text = text.where(text.notna(), None)
        text = text.map(lambda s: None if s is None or str(s).strip() == "" else str(s), na_action=None)
        out[col] = text.to_numpy(dtype=object)
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    return frame[book.columns]


def check(frame: pd.DataFrame, book: cb.Codebook, *, file, first_row: int) -> pd.DataFrame:
    """Check a coded frame (from `to_codes`); return it unchanged when it passes."""
    ids = frame["respondent_id"]
    for var in book.required:
        col = frame[var]
        blank = (col.isna() | (col.astype(object) == "")).to_numpy()
        _first_bad(
            blank,
            "required answer is blank",
            file=file,
            first_row=first_row,
            column=var,
            allowed=list(book.profile.get(var, {})) or None,
        )
    dup = ids.duplicated().to_numpy()
    _first_bad(
        dup,
        "respondent_id is not unique",
        file=file,
        first_row=first_row,
        column="respondent_id",
        values=ids.to_numpy(),
    )
    for role, gate in book.routing.items():
        not_asked = (frame[gate] == "no").to_numpy()
        for item in book.items:
            _blank_where(
                not_asked,
                frame[item.column(role)],
                f"routing: answered although {gate} is 'no' (items about {role} are asked only "
                f"of those who work with the role)",
                file=file,
                first_row=first_row,
            )
    for item in book.items:
        for wave in cb.WAVES:
            if wave in item.waves:
                continue
            in_wave = (frame["wave"] == wave).to_numpy()
            for role in cb.ROLES:
                _blank_where(
                    in_wave,
                    frame[item.column(role)],
                    f"item not asked in the {wave} wave has an answer",
                    file=file,
                    first_row=first_row,
                )
    return frame
