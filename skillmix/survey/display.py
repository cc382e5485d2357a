"""The survey tables as the page shows them: readable headers and labels, one row per thing a
reader looks up. Each takes a table that has already been through disclosure control."""

from __future__ import annotations

import pandas as pd

from ..core.labels import FREETEXT_LABELS, THEME_LABELS
from . import codebook as cb

ROLE_LABELS = {"acp": "ACP", "pa": "PA"}


def answer_label(book: cb.Codebook | None, variable: str, code) -> str:
    """A profile answer as the code book words it ('lt_1' -> 'Less than 1 year')."""
    text = str((book.profile.get(variable, {}) if book else {}).get(code, str(code).replace("_", " ")))
    return text[:1].upper() + text[1:]


def profile(table: pd.DataFrame, book: cb.Codebook | None = None) -> pd.DataFrame:
    """The response profile: one row per answer, n (%) per wave."""
    rows = {}
    for _, r in table.iterrows():
        key = (r["variable"].replace("_", " ").capitalize(), answer_label(book, r["variable"], r["category"]))
        value = "suppressed" if r["suppressed"] else f"{int(r['n']):,} ({r['pct']:.1f}%)"
        rows.setdefault(key, {})[f"{r['wave'].capitalize()} wave: n (%)"] = value
    return pd.DataFrame([{"Question": k[0], "Answer": k[1], **v} for k, v in rows.items()])


def margins(table: pd.DataFrame, wave: str = "current", book: cb.Codebook | None = None) -> pd.DataFrame:
    """One wave's sample, weighted and population percentages, with readable headers."""
    view = table[table["wave"] == wave].drop(columns=["wave", "suppressed"]).round(1)
    view = view.assign(
        category=[answer_label(book, v, c) for v, c in zip(view["variable"], view["category"], strict=True)],
        variable=view["variable"].str.replace("_", " ").str.capitalize(),
    )
    view.columns = ["Variable", "Category", "n", "Sample %", "Weighted %", "Population %"]
    return view


def _estimate(row) -> str:
    return (
        "suppressed" if row["suppressed"] else f"{row['pct_agree']:.1f} ({row['ci_low']:.1f} to {row['ci_high']:.1f})"
    )


def side_by_side(details: pd.DataFrame, book: cb.Codebook, weighting_on: bool, wave: str = "current") -> pd.DataFrame:
    """Unweighted (and, when weighting is on, weighted) % agreeing with its interval, per item
    and role of `wave`."""
    sub = details[details["wave"] == wave]
    keys = ["item", "role"]
    unweighted = sub[sub["weighted"] == False]  # noqa: E712
    out = unweighted[keys + ["n"]].copy()
    out["Unweighted % agree (CI)"] = [_estimate(r) for _, r in unweighted.iterrows()]
    if weighting_on:
        w = sub[sub["weighted"] == True].set_index(keys)  # noqa: E712
        out["Weighted % agree (CI)"] = [_estimate(w.loc[(i, r)]) for i, r in zip(out["item"], out["role"])]
    out["item"] = [book.short_label(i) for i in out["item"]]
    out["role"] = out["role"].map(ROLE_LABELS)
    return out.rename(columns={"item": "Item", "role": "Role", "n": "n (substantive answers)"})


def quotes(table: pd.DataFrame) -> pd.DataFrame:
    shown = table.assign(question=table["question"].map(FREETEXT_LABELS), theme=table["theme"].map(THEME_LABELS))
    return shown.rename(columns={"question": "Question", "theme": "Theme", "quote": "Answer (redacted)"})


def redactions(table: pd.DataFrame) -> pd.DataFrame:
    """Answers that contained personal details, after redaction."""
    shown = table.assign(question=table["question"].map(FREETEXT_LABELS))
    return shown.rename(columns={"question": "Question", "answer_after_redaction": "Answer after redaction"})
