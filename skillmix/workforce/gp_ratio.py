"""Other clinicians per GP in general practice, against the study's "about 1 to 2.6".

A ratio is computed only from a numerator and a denominator of the same vintage and
reference date (`gp_ratios`); `ratio_combinations` lists what each combination of
definitions, vintages and dates gives, each row naming the rows and URLs it was built from.
"""

from __future__ import annotations

from itertools import product

import pandas as pd

from ..core.errors import InputError
from .published import SUPERSEDED, select

STUDY_RATIO = 2.6  # "about 1 to 2.6" (Nuffield Trust, In the balance, 2025): the claim being checked
STUDY_RATIO_START = 1.0

# Definitions of the ratio's parts (series ids of the curated file).
NUMERATORS = {
    "nurses_dpc": ("practice nurses + direct patient care", ("gp_nurses_fte", "gp_dpc_fte")),
    "nurses_dpc_pcn": (
        "practice nurses + direct patient care + PCN direct patient care (NWRS)",
        ("gp_nurses_fte", "gp_dpc_fte", "pcn_dpc_fte"),
    ),
}
DENOMINATORS = {
    "permanent": ("fully qualified permanent GPs (excl. trainees and locums)", "gp_permanent_fte"),
    "fully_qualified": ("fully qualified GPs (incl. locums, excl. trainees)", "gp_fully_qualified_fte"),
}
COLLATED_LABEL = "practice nurses + collated primary care DPC (ARRS+NWRS)"
RATIO_COLUMNS = [
    "numerator",
    "denominator",
    "period",
    "numerator_periods",
    "vintage",
    "same_vintage",
    "same_period",
    "period_gap_days",
    "numerator_fte",
    "denominator_fte",
    "ratio",
    "parts",
    "denominator_row",
    "same_source",
    "source_urls",
    "note",
    "all_vintages",
]
# The columns of a labelled combination shown in `ratio_table`; the ratio figure's CSV adds
# the rows and URLs each ratio was built from.
COMBINATION_COLUMNS = [
    "kind",
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
COMBINATION_TRACE_COLUMNS = [*COMBINATION_COLUMNS, "parts", "denominator_row", "source_urls"]


def _rows_by_key(rows: pd.DataFrame, series: str) -> dict:
    part = rows[rows["series"] == series]
    out: dict = {}
    for rec in part.itertuples(index=False):
        out.setdefault((rec.period_end, rec.vintage), []).append(rec)
    return out


def _combine(parts: list, denominator, *, numerator_key, denominator_key, note="") -> dict:
    """One ratio: the sum of `parts` over `denominator`, with the rows, vintages and URLs used."""
    num = sum(p.value for p in parts)
    vintages = sorted({p.vintage for p in parts} | {denominator.vintage})
    gp_vintages = sorted({p.vintage for p in parts if p.series.startswith("gp_")} | {denominator.vintage})
    periods = sorted({p.period_end for p in parts} | {denominator.period_end})
    urls = list(dict.fromkeys(p.source_url for p in list(parts) + [denominator]))
    return {
        "numerator": numerator_key,
        "denominator": denominator_key,
        "period": denominator.period_end.date().isoformat(),
        "numerator_periods": ";".join(sorted({p.period for p in parts})),
        "vintage": gp_vintages[0] if len(gp_vintages) == 1 else "mixed: " + "+".join(gp_vintages),
        "same_vintage": len(gp_vintages) == 1,
        "same_period": len(periods) == 1,
        "period_gap_days": int((periods[-1] - periods[0]).days),
        "numerator_fte": num,
        "denominator_fte": denominator.value,
        "ratio": num / denominator.value,
        "parts": " + ".join(f"{p.series}={p.value:g} (row {p.row})" for p in parts),
        "denominator_row": f"{denominator.series}={denominator.value:g} (row {denominator.row})",
        "same_source": len(urls) == 1,
        "source_urls": " ; ".join(urls),
        "note": note,
        "all_vintages": "+".join(vintages),
    }


def gp_ratios(
    frame: pd.DataFrame, numerator: str = "nurses_dpc", denominator: str = "permanent", include_superseded: bool = False
) -> pd.DataFrame:
    """Other clinicians per GP for every reference date where all parts exist in one vintage.

    One output row per combination of rows (a period with two published values of a part
    gives two ratios, each naming its rows). PCN series have no vintage and combine with
    GP-practice rows of any vintage at the same reference date. Superseded vintages are
    left out unless `include_superseded`.
    """
    if numerator not in NUMERATORS:
        raise InputError("unknown ratio numerator", value=numerator, allowed=list(NUMERATORS))
    if denominator not in DENOMINATORS:
        raise InputError("unknown ratio denominator", value=denominator, allowed=list(DENOMINATORS))
    rows = frame if include_superseded else frame[~frame["superseded"]]
    rows = rows[(rows["geography"] == "england") & (rows["measure"] == "fte")]
    parts = NUMERATORS[numerator][1]
    out = []
    for (period, vintage), dens in sorted(_rows_by_key(rows, DENOMINATORS[denominator][1]).items()):
        options = []
        for series in parts:
            key_vintage = "not_applicable" if series.startswith("pcn_") else vintage
            options.append(_rows_by_key(rows, series).get((period, key_vintage), []))
        if not all(options):
            continue
        for den in dens:
            for combo in product(*options):
                out.append(_combine(list(combo), den, numerator_key=numerator, denominator_key=denominator))
    result = pd.DataFrame(out, columns=RATIO_COLUMNS)
    result["superseded"] = result["vintage"].isin(SUPERSEDED)
    return result.sort_values(["period", "vintage", "ratio"]).reset_index(drop=True)


def all_gp_ratios(frame: pd.DataFrame, include_superseded: bool = False) -> pd.DataFrame:
    """`gp_ratios` for every numerator and denominator definition, stacked."""
    parts = [gp_ratios(frame, n, d, include_superseded) for n in NUMERATORS for d in DENOMINATORS]
    parts = [p for p in parts if len(p)]
    if not parts:
        return gp_ratios(frame, "nurses_dpc", "permanent", include_superseded)
    return pd.concat(parts, ignore_index=True)


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
            rec = _combine(
                parts, den, numerator_key="nurses_dpc_pcn", denominator_key=d_key, note="PCN sum from a different date"
            )
            out.append({**rec, "kind": "PCN added from a nearby date"})
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
            rec = _combine(
                [_first(nurses), _first(dpc)],
                den,
                numerator_key="nurses_dpc",
                denominator_key=d_key,
                note="first-release numerators over a current denominator",
            )
            out.append({**rec, "kind": "mixed vintages"})
    return out


def _collated(frame, current) -> list:
    """Latest practice nurses plus the collated ARRS+NWRS DPC total, over the nearest permanent-GP value."""
    out = []
    for col in frame[frame["series"] == "primary_care_dpc_fte_collated_total"].itertuples(index=False):
        nurse = _nearest(current, "gp_nurses_fte", col.period_end, before_only=True)
        den = _nearest(current, "gp_permanent_fte", col.period_end)
        if nurse is None or den is None:
            continue
        rec = _combine(
            [_record(current, nurse["row"]), col],
            _record(current, den["row"]),
            numerator_key="nurses_collated_dpc",
            denominator_key="permanent",
            note="collated ARRS+NWRS DPC total (practices and PCNs) with practice nurses of another date",
        )
        out.append({**rec, "kind": "collated DPC, mixed dates"})
    return out


def ratio_combinations(frame: pd.DataFrame, pcn_window_days: int = 92) -> pd.DataFrame:
    """What each combination of definitions, vintages and dates gives against "about 1 to 2.6".

    Four kinds of row, each labelled in `kind`:
    * `same vintage, same date`: every ratio `gp_ratios` computes (all vintages, marked);
    * `PCN added from a nearby date`: current practice rows plus the NWRS PCN DPC sum of the
      nearest date within `pcn_window_days` (dates differ: stated in `period_gap_days`);
    * `mixed vintages`: the September 2015 superseded first-release numerators over each
      current September 2015 denominator (how the starting "about 1" can be approached);
    * `collated DPC, mixed dates`: the latest current practice nurses plus the collated
      ARRS+NWRS primary care DPC total, over the current permanent-GP value nearest to it.
    Each row gives `gap_to_study` (ratio minus 2.6) and the rows and URLs it used.
    """
    frame = frame[(frame["geography"] == "england")]
    out = all_gp_ratios(frame, include_superseded=True)
    out.insert(0, "kind", "same vintage, same date")
    current = frame[frame["vintage"] == "current"]
    extra = _pcn_nearby(frame, current, pcn_window_days) + _mixed_vintages(frame, current) + _collated(frame, current)
    if extra:
        out = pd.concat([out, pd.DataFrame(extra)], ignore_index=True)
    return label_ratios(out)


def label_ratios(ratios: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """Add `kind` (if given), `superseded`, `gap_to_study` and readable definition labels."""
    out = ratios.copy()
    if kind is not None:
        out.insert(0, "kind", kind)
    out["superseded"] = out["all_vintages"].str.contains("superseded")
    out["gap_to_study"] = out["ratio"] - STUDY_RATIO
    out["numerator_label"] = out["numerator"].map(
        {**{k: v[0] for k, v in NUMERATORS.items()}, "nurses_collated_dpc": COLLATED_LABEL}
    )
    out["denominator_label"] = out["denominator"].map({k: v[0] for k, v in DENOMINATORS.items()})
    return out.reset_index(drop=True)


def implied_numerator(frame: pd.DataFrame, ratio: float = STUDY_RATIO) -> dict:
    """The other-clinician FTE that `ratio` implies on the latest current permanent-GP value."""
    den = select(frame, "gp_permanent_fte", geography="england", measure="fte").query("vintage == 'current'")
    latest = den.iloc[-1]
    return {
        "ratio": ratio,
        "period": latest["period"],
        "denominator_fte": latest["value"],
        "numerator_fte": ratio * latest["value"],
        "row": int(latest["row"]),
        "source_url": latest["source_url"],
    }


def ratio_table(combos: pd.DataFrame) -> pd.DataFrame:
    """The combinations as a readable table (rows and URLs are in the figure's CSV)."""
    table = combos[COMBINATION_COLUMNS].copy()
    table["numerator_label"] = table["numerator_label"].map(
        {
            NUMERATORS["nurses_dpc"][0]: "nurses + DPC",
            NUMERATORS["nurses_dpc_pcn"][0]: "nurses + DPC + PCN DPC",
            COLLATED_LABEL: "nurses + collated DPC",
        }
    )
    table["denominator_label"] = table["denominator_label"].map(
        {DENOMINATORS["permanent"][0]: "permanent GPs", DENOMINATORS["fully_qualified"][0]: "fully qualified GPs"}
    )
    table["numerator_fte"] = table["numerator_fte"].round(1)
    table["ratio"] = table["ratio"].round(2)
    table["gap_to_study"] = table["gap_to_study"].round(2)
    table.columns = [
        "Combination",
        "Numerator",
        "Denominator",
        "Denominator date",
        "Numerator date(s)",
        "Vintage",
        "Numerator FTE",
        "Denominator FTE",
        "Ratio",
        "Ratio minus 2.6",
    ]
    return table
