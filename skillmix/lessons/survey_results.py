"""The survey chapter's published item estimates (`outputs/survey/item_estimates.csv`), as the
lessons read them: this book's own, or those of a named run under `_build/runs/`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.paths import BUILD, relative
from ..core.survey_outputs import BOOLEAN_COLUMNS, COLUMNS, item_estimates_file

TRUTH = {"true": True, "false": False, "1": True, "0": False}

SURVEY_NOTE = {
    True: (
        "**Synthetic data.** The survey results in this chapter were estimated from synthetic "
        "responses generated for this book, not from the study's survey: they show how the "
        "lessons and the survey are joined and say nothing about the views of real staff."
    ),
    False: (
        "The survey results in this chapter were estimated from the survey responses given to "
        "the survey chapter of this run."
    ),
}


def survey_estimates_path(survey_run: str = "", runs_dir=BUILD / "runs") -> Path:
    """Where the survey chapter's item estimates are: this book's own (relative to the
    working directory) or those of a named run under `_build/runs/`."""
    if not survey_run:
        return item_estimates_file(Path("outputs"))
    runs_dir = Path(runs_dir)
    path = item_estimates_file(runs_dir / survey_run / "chapters" / "outputs")
    if not path.is_file():
        existing = sorted(p.name for p in runs_dir.iterdir() if p.is_dir()) if runs_dir.is_dir() else []
        raise InputError(
            f"survey run '{survey_run}' has no survey results ({relative(path)} not found)",
            allowed=existing or "(no runs exist under _build/runs)",
        )
    return path


def _as_bool(series: pd.Series, file, column) -> pd.Series:
    if series.dtype == bool:
        return series
    text = series.astype(str).str.strip().str.lower()
    bad = text[~text.isin(list(TRUTH))]
    if len(bad):
        raise InputError(
            "not a true/false value",
            file=file,
            line=line_of(int(bad.index[0])),
            column=column,
            value=series[bad.index[0]],
        )
    return text.map(TRUTH).astype(bool)


def load_survey_estimates(path) -> pd.DataFrame:
    """Read `item_estimates.csv` written by the survey chapter and check its columns."""
    est = read_csv(path, COLUMNS, what="survey results (run the survey chapter first)", exact=False, text=False)
    for col in BOOLEAN_COLUMNS:
        est[col] = _as_bool(est[col], relative(path), col)
    return est


def survey_note(estimates: pd.DataFrame) -> str:
    """What the survey results were built from (markdown): synthetic if any estimate is."""
    return SURVEY_NOTE[bool(estimates["synthetic"].any())]
