"""Other clinicians per GP in general practice, against the study's "about 1 to 2.6".

Every combination of a numerator (other clinicians) and a denominator (GPs) gets a `kind`
from the dates and vintages of its parts, never from how it was built (`combination_kind`):

* `ratio`: all parts have the same vintage and the same reference date (`gp_ratios`);
* `mixed-date combination`: the parts are of one vintage but dated differently;
* `mixed-vintage combination`: the parts share a date but come from different vintages;
* `mixed-vintage, mixed-date combination`: both.

Only the first is called a ratio in the book. `gp_combinations.ratio_combinations` lists what
every combination of definitions, vintages and dates gives.
"""

from __future__ import annotations

from itertools import product

import pandas as pd

from ..core.errors import InputError
from .published import SUPERSEDED, select
from .qualifiers import qualified_row

STUDY_RATIO = 2.6  # "about 1 to 2.6" (Nuffield Trust, In the balance, 2025): the claim being checked
STUDY_RATIO_START = 1.0

# What a combination is, from the dates and vintages of its parts.
RATIO = "ratio"
MIXED_DATES = "mixed-date combination"
MIXED_VINTAGES = "mixed-vintage combination"
MIXED_BOTH = "mixed-vintage, mixed-date combination"
MIXED_PREFIX = "mixed: "  # a combination's vintage when its GP rows differ: "mixed: current+superseded_aug2021"
KINDS = (RATIO, MIXED_DATES, MIXED_VINTAGES, MIXED_BOTH)
# How the ratios of `gp_ratios` are built (their `construction`; the other constructions are
# in `gp_combinations`).
SAME_RELEASE = "figures of one vintage and one reference date"

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
    "kind",
    "construction",
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
    "qualified_parts",
    "denominator_row",
    "same_source",
    "source_urls",
    "all_vintages",
]


def combination_kind(same_vintage: bool, same_period: bool) -> str:
    """The kind of a combination: a `ratio` only when its parts share vintage and reference date."""
    if same_vintage and same_period:
        return RATIO
    if same_vintage:
        return MIXED_DATES
    return MIXED_VINTAGES if same_period else MIXED_BOTH


def rows_by_key(rows: pd.DataFrame, series: str) -> dict:
    part = rows[rows["series"] == series]
    out: dict = {}
    for rec in part.itertuples(index=False):
        out.setdefault((rec.period_end, rec.vintage), []).append(rec)
    return out


def combine(parts: list, denominator, *, numerator_key, denominator_key, construction=SAME_RELEASE) -> dict:
    """One combination: the sum of `parts` over `denominator`, with the rows, vintages, dates
    and URLs used, and its `kind` (`combination_kind` of its parts' vintages and dates)."""
    num = sum(p.value for p in parts)
    vintages = sorted({p.vintage for p in parts} | {denominator.vintage})
    gp_vintages = sorted({p.vintage for p in parts if p.series.startswith("gp_")} | {denominator.vintage})
    periods = sorted({p.period_end for p in parts} | {denominator.period_end})
    urls = list(dict.fromkeys(p.source_url for p in list(parts) + [denominator]))
    same_vintage, same_period = len(gp_vintages) == 1, len(periods) == 1
    return {
        "kind": combination_kind(same_vintage, same_period),
        "construction": construction,
        "numerator": numerator_key,
        "denominator": denominator_key,
        "period": denominator.period_end.date().isoformat(),
        "numerator_periods": ";".join(sorted({p.period for p in parts})),
        "vintage": gp_vintages[0] if len(gp_vintages) == 1 else MIXED_PREFIX + "+".join(gp_vintages),
        "same_vintage": same_vintage,
        "same_period": same_period,
        "period_gap_days": int((periods[-1] - periods[0]).days),
        "numerator_fte": num,
        "denominator_fte": denominator.value,
        "ratio": num / denominator.value,
        "parts": " + ".join(f"{p.series}={p.value:g} (row {p.row})" for p in parts),
        "qualified_parts": " ; ".join(f"{p.series}: {qualified_row(p)}" for p in [*parts, denominator] if p.qualifier),
        "denominator_row": f"{denominator.series}={denominator.value:g} (row {denominator.row})",
        "same_source": len(urls) == 1,
        "source_urls": " ; ".join(urls),
        "all_vintages": "+".join(vintages),
    }


def gp_ratios(
    frame: pd.DataFrame, numerator: str = "nurses_dpc", denominator: str = "permanent", include_superseded: bool = False
) -> pd.DataFrame:
    """Other clinicians per GP for every reference date where all parts exist in one vintage:
    the ratios (every row is of kind `ratio`).

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
    for (period, vintage), dens in sorted(rows_by_key(rows, DENOMINATORS[denominator][1]).items()):
        options = []
        for series in parts:
            key_vintage = "not_applicable" if series.startswith("pcn_") else vintage
            options.append(rows_by_key(rows, series).get((period, key_vintage), []))
        if not all(options):
            continue
        for den in dens:
            for combo in product(*options):
                out.append(combine(list(combo), den, numerator_key=numerator, denominator_key=denominator))
    result = pd.DataFrame(out, columns=RATIO_COLUMNS)
    if not result["kind"].eq(RATIO).all():  # parts are matched on one date and one vintage above
        raise RuntimeError("gp_ratios built a combination whose parts differ in date or vintage")
    result["superseded"] = result["vintage"].isin(SUPERSEDED)
    return result.sort_values(["period", "vintage", "ratio"]).reset_index(drop=True)


def all_gp_ratios(frame: pd.DataFrame, include_superseded: bool = False) -> pd.DataFrame:
    """`gp_ratios` for every numerator and denominator definition, stacked."""
    parts = [gp_ratios(frame, n, d, include_superseded) for n in NUMERATORS for d in DENOMINATORS]
    parts = [p for p in parts if len(p)]
    if not parts:
        return gp_ratios(frame, "nurses_dpc", "permanent", include_superseded)
    return pd.concat(parts, ignore_index=True)


def label_ratios(ratios: pd.DataFrame) -> pd.DataFrame:
    """Add `superseded`, `gap_to_study` and readable definition labels."""
    out = ratios.copy()
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
