"""Every combination of definitions, vintages and dates of other clinicians per GP, against
the study's "about 1 to 2.6", and the table and CSV that show them.

Besides the ratios of `gp_ratio.gp_ratios`, three constructions combine parts that differ in
date or vintage. Each keeps the `kind` its parts give it (`gp_ratio.combination_kind`), so
none of them is ever called a ratio; each row names the rows and URLs it was built from.
"""

from __future__ import annotations

import pandas as pd

from ..core.formats import fmt_date
from ..core.labels import VINTAGE_LABELS
from .gp_ratio import (
    COLLATED_LABEL,
    DENOMINATORS,
    KINDS,
    MIXED_BOTH,
    MIXED_DATES,
    MIXED_PREFIX,
    MIXED_VINTAGES,
    NUMERATORS,
    RATIO,
    all_gp_ratios,
    combine,
    label_ratios,
)

PLURALS = {
    RATIO: "ratios",
    MIXED_DATES: "mixed-date combinations",
    MIXED_VINTAGES: "mixed-vintage combinations",
    MIXED_BOTH: "mixed-vintage, mixed-date combinations",
}

# How a combination was built (its `construction`; gp_ratios' rows are gp_ratio.SAME_RELEASE).
PCN_NEARBY = "PCN direct patient care sum from a nearby date added"
FIRST_RELEASE = "first-release numerators over a current denominator"
COLLATED = "collated ARRS+NWRS direct patient care total with practice nurses of another date"

# The columns of a labelled combination shown in `ratio_table`; the ratio figure's CSV adds
# the rows and URLs each combination was built from. The `ratio` column holds the quotient of
# every combination; only rows of kind `ratio` are ratios, so the CSV names it
# `other_clinicians_per_gp` and the denominator's date `denominator_period` (EXPORT_NAMES).
COMBINATION_COLUMNS = [
    "kind",
    "construction",
    "numerator_label",
    "denominator_label",
    "period",
    "numerator_periods",
    "vintage",
    "numerator_fte",
    "denominator_fte",
    "ratio",
    "gap_to_study",
]
COMBINATION_TRACE_COLUMNS = [*COMBINATION_COLUMNS, "parts", "qualified_parts", "denominator_row", "source_urls"]
EXPORT_NAMES = {"ratio": "other_clinicians_per_gp", "period": "denominator_period"}


def kind_counts(combos: pd.DataFrame) -> str:
    """'7 ratios, 3 mixed-date combinations and 4 mixed-vintage combinations' (kinds present)."""
    counts = combos["kind"].value_counts()
    parts = [f"{counts[kind]} {PLURALS[kind] if counts[kind] != 1 else kind}" for kind in KINDS if counts.get(kind, 0)]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _nearest(rows, series, period, *, max_days=None, before_only=False):
    """The row of `series` whose reference date is nearest `period` (None if there is none)."""
    part = rows[rows["series"] == series]
    if before_only:
        part = part[part["period_end"] <= period]
    if part.empty:
        return None
    gaps = (part["period_end"] - period).abs()
    best = part.loc[gaps.sort_values(kind="stable").index[0]]
    if max_days is not None and abs((best["period_end"] - period).days) > max_days:
        return None
    return best


def _record(rows: pd.DataFrame, row: int):
    """The row numbered `row` of `rows`, as a named tuple."""
    return next(rows[rows["row"] == row].itertuples(index=False))


def _first(rows: pd.DataFrame):
    return next(rows.itertuples(index=False))


def _pcn_nearby(frame, current, pcn_window_days) -> list:
    """Current practice rows plus the NWRS PCN DPC sum of the nearest other date in the window."""
    out = []
    pcn = frame[frame["series"] == "pcn_dpc_fte"]
    for d_key, (_, d_series) in DENOMINATORS.items():
        for den in current[current["series"] == d_series].itertuples(index=False):
            nurses = current[(current["series"] == "gp_nurses_fte") & (current["period_end"] == den.period_end)]
            dpc = current[(current["series"] == "gp_dpc_fte") & (current["period_end"] == den.period_end)]
            if nurses.empty or dpc.empty or pcn.empty:
                continue
            near = _nearest(pcn, "pcn_dpc_fte", den.period_end, max_days=pcn_window_days)
            if near is None or near["period_end"] == den.period_end:
                continue
            parts = [_first(nurses), _first(dpc), _record(pcn, near["row"])]
            out.append(
                combine(parts, den, numerator_key="nurses_dpc_pcn", denominator_key=d_key, construction=PCN_NEARBY)
            )
    return out


def _mixed_vintages(frame, current) -> list:
    """September 2015 first-release numerators over each current September 2015 denominator."""
    out = []
    sep15 = pd.Timestamp(2015, 9, 30)
    first = frame[(frame["vintage"] == "superseded_original") & (frame["period_end"] == sep15)]
    nurses = first[first["series"] == "gp_nurses_fte"]
    dpc = first[first["series"] == "gp_dpc_fte"]
    if nurses.empty or dpc.empty:
        return out
    for d_key, (_, d_series) in DENOMINATORS.items():
        dens = current[(current["series"] == d_series) & (current["period_end"] == sep15)]
        for den in dens.itertuples(index=False):
            out.append(
                combine(
                    [_first(nurses), _first(dpc)],
                    den,
                    numerator_key="nurses_dpc",
                    denominator_key=d_key,
                    construction=FIRST_RELEASE,
                )
            )
    return out


def _collated(frame, current) -> list:
    """Latest practice nurses plus the collated ARRS+NWRS DPC total, over the nearest permanent-GP value."""
    out = []
    for col in frame[frame["series"] == "primary_care_dpc_fte_collated_total"].itertuples(index=False):
        nurse = _nearest(current, "gp_nurses_fte", col.period_end, before_only=True)
        den = _nearest(current, "gp_permanent_fte", col.period_end)
        if nurse is None or den is None:
            continue
        out.append(
            combine(
                [_record(current, nurse["row"]), col],
                _record(current, den["row"]),
                numerator_key="nurses_collated_dpc",
                denominator_key="permanent",
                construction=COLLATED,
            )
        )
    return out


def ratio_combinations(frame: pd.DataFrame, pcn_window_days: int = 92) -> pd.DataFrame:
    """What each combination of definitions, vintages and dates gives against "about 1 to 2.6".

    Four constructions, each named in `construction`:
    * SAME_RELEASE: every ratio `gp_ratios` computes (all vintages, superseded ones marked);
    * PCN_NEARBY: current practice rows plus the NWRS PCN DPC sum of the nearest other date
      within `pcn_window_days` (the gap is in `period_gap_days`);
    * FIRST_RELEASE: the September 2015 superseded first-release numerators over each current
      September 2015 denominator (how the starting "about 1" can be approached);
    * COLLATED: the latest current practice nurses plus the collated ARRS+NWRS primary care DPC
      total, over the current permanent-GP value nearest to it.
    Each row's `kind` comes from its parts' dates and vintages (`combination_kind`): only the
    first construction gives ratios. Each row gives `gap_to_study` (its value minus 2.6) and
    the rows and URLs it used.
    """
    frame = frame[(frame["geography"] == "england")]
    out = all_gp_ratios(frame, include_superseded=True)
    current = frame[frame["vintage"] == "current"]
    extra = _pcn_nearby(frame, current, pcn_window_days) + _mixed_vintages(frame, current) + _collated(frame, current)
    if extra:
        out = pd.concat([out, pd.DataFrame(extra)], ignore_index=True)
    return label_ratios(out)


def ratio_table(combos: pd.DataFrame) -> pd.DataFrame:
    """The combinations as a readable table, each with its kind (rows and URLs are in the
    figure's CSV). Only rows of kind `ratio` are ratios; the column of values is therefore
    headed "Other clinicians per GP" (its difference from the study's 2.6 is in the CSV). A
    combination that is not a ratio says how it was built; its dates name the GP figure's date
    and the other parts' dates when they differ."""
    numerators = {
        NUMERATORS["nurses_dpc"][0]: "nurses + DPC",
        NUMERATORS["nurses_dpc_pcn"][0]: "nurses + DPC + PCN DPC",
        COLLATED_LABEL: "nurses + collated DPC",
    }
    denominators = {
        DENOMINATORS["permanent"][0]: "permanent GP",
        DENOMINATORS["fully_qualified"][0]: "fully qualified GP",
    }
    rows = combos.itertuples(index=False)
    return pd.DataFrame(
        [
            {
                "Kind": "Ratio" if r.kind == RATIO else f"{r.kind[:1].upper()}{r.kind[1:]}: {r.construction}",
                "Combination": f"{numerators[r.numerator_label]} per {denominators[r.denominator_label]}",
                "Dates": fmt_date(r.period)
                if r.numerator_periods == r.period
                else f"GPs {fmt_date(r.period)}; others "
                + " and ".join(fmt_date(p) for p in r.numerator_periods.split(";")),
                "Vintage": vintage_label(r.vintage),
                "Numerator FTE": r.numerator_fte,
                "Denominator FTE": r.denominator_fte,
                "Other clinicians per GP": r.ratio,
            }
            for r in rows
        ]
    )


def vintage_label(vintage: str) -> str:
    """A vintage, or a combination's 'mixed: a+b', in words (`core.labels.VINTAGE_LABELS`)."""
    if vintage.startswith(MIXED_PREFIX):
        parts = [VINTAGE_LABELS.get(v, v) for v in vintage.removeprefix(MIXED_PREFIX).split("+")]
        return "Mixed: " + " and ".join(p[:1].lower() + p[1:] for p in parts)
    return VINTAGE_LABELS.get(vintage, vintage)


def combination_trace(combos: pd.DataFrame) -> pd.DataFrame:
    """The combinations with the rows and URLs each was built from (the ratio figure's CSV);
    the quotient is `other_clinicians_per_gp`, a ratio only where `kind` is `ratio`."""
    return combos[COMBINATION_TRACE_COLUMNS].rename(columns=EXPORT_NAMES).reset_index(drop=True)
