"""The survey tables as the page shows them: readable headers and labels, one row per thing a
reader looks up. Each takes a table that has already been through disclosure control."""

from __future__ import annotations

import pandas as pd

from . import codebook as cb

ROLE_LABELS = {"acp": "ACP", "pa": "PA"}


def profile(table: pd.DataFrame) -> pd.DataFrame:
    """The response profile: one row per answer, n (%) per wave."""
    rows = {}
    for _, r in table.iterrows():
        key = (r["variable"].replace("_", " ").capitalize(), r["category"].replace("_", " "))
        value = "suppressed" if r["suppressed"] else f"{int(r['n']):,} ({r['pct']:.1f}%)"
        rows.setdefault(key, {})[f"{r['wave'].capitalize()} wave: n (%)"] = value
    return pd.DataFrame([{"Question": k[0], "Answer": k[1], **v} for k, v in rows.items()])


def margins(table: pd.DataFrame, wave: str = "current") -> pd.DataFrame:
    """One wave's sample, weighted and population percentages, with readable headers."""
    view = table[table["wave"] == wave].drop(columns=["wave", "suppressed"]).round(1)
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
    return table.rename(columns={"question": "Question", "theme": "Theme", "quote": "Answer (redacted)"})


def redactions(table: pd.DataFrame) -> pd.DataFrame:
    """Answers that contained personal details or markup, after redaction."""
    return table.rename(columns={"question": "Question", "answer_after_redaction": "Answer after redaction"})
