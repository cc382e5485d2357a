"""The mix of GP-practice staff over time on a consistent basis, and what is held by date.

Shares of the four staff groups and other clinicians per GP are computed only from figures of
one reference date and one vintage (`gp_ratio.combination_kind` gives every set its kind; a
set of another kind is never built). The February 2022 revision (`SERIES_BREAK`) is a series
break: superseded and current values are never joined. `dates_held` lists the levels held per
staff group and vintage, in general practice and in hospital and community health services.
"""

from __future__ import annotations

from itertools import product

import pandas as pd

from ..core.formats import NOT_AVAILABLE, fmt_date, fmt_int, fmt_num, fmt_pct
from .gp_combinations import vintage_label
from .gp_ratio import DENOMINATORS, RATIO, STUDY_RATIO, all_gp_ratios, combination_kind, rows_by_key
from .hchs import HCHS_GROUPS

SNAPSHOT = "date"  # `core.timeline.parse_period` kind of a reference date
# The release of 10 February 2022 revised the GP-practice series back to September 2015.
SERIES_BREAK = pd.Timestamp("2022-02-10")
# The four staff groups of the General Practice Workforce statistics: label -> series ids that
# each measure the whole group (the first release named all GPs "incl. locums", later ones
# "incl. trainees"; both count trainees and locums).
STAFF_GROUPS = {
    "GPs": ("gp_all_incl_trainees_fte", "gp_all_incl_locums_fte"),
    "nurses": ("gp_nurses_fte",),
    "direct patient care": ("gp_dpc_fte",),
    "admin/non-clinical": ("gp_admin_fte",),
}
# What `dates_held` lists: (setting, staff group, series ids).
GP_PRACTICES = "GP practices"
HCHS = "HCHS"
HELD = [
    *((GP_PRACTICES, group, series) for group, series in STAFF_GROUPS.items()),
    (GP_PRACTICES, "fully qualified GPs", ("gp_fully_qualified_fte",)),
    (GP_PRACTICES, "fully qualified permanent GPs", ("gp_permanent_fte",)),
    (HCHS, "all staff (trusts and core organisations)", ("hchs_total_fte",)),
    (HCHS, "infrastructure support (trusts and core organisations)", ("hchs_infrastructure_support_fte",)),
    (HCHS, "all staff (trusts and CCGs)", ("hchs_trusts_ccgs_total_fte",)),
    *((HCHS, label, (series,)) for series, label in HCHS_GROUPS.items()),
]
LEVEL_MEASURES = ("fte", "count")  # `count`: published staff numbers whose unit is not stated
SHARE_COLUMNS = ["period", "vintage", "kind", "staff_group", "fte", "total_fte", "share", "rows", "source_urls"]


def _levels(frame: pd.DataFrame, series, measures=("fte",)) -> pd.DataFrame:
    """England levels of `series` at a reference date (no ranges, no changes), all vintages."""
    rows = frame[frame["series"].isin(series) & (frame["geography"] == "england") & frame["measure"].isin(measures)]
    return rows[rows["period_kind"] == SNAPSHOT]


def staff_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Each staff group's share of the four groups' FTE, for every reference date and vintage
    where all four were published (one set per combination of rows; every set's kind is
    `ratio`: one vintage, one date)."""
    keyed = {group: {} for group in STAFF_GROUPS}
    for group, series in STAFF_GROUPS.items():
        for one in series:
            for key, recs in rows_by_key(_levels(frame, series), one).items():
                keyed[group].setdefault(key, []).extend(recs)
    common = set.intersection(*(set(by_key) for by_key in keyed.values()))
    out = []
    for period, vintage in sorted(common):
        for combo in product(*(keyed[group][(period, vintage)] for group in STAFF_GROUPS)):
            total = sum(rec.value for rec in combo)
            kind = combination_kind(len({r.vintage for r in combo}) == 1, len({r.period_end for r in combo}) == 1)
            for group, rec in zip(STAFF_GROUPS, combo):
                out.append(
                    {
                        "period": period.date().isoformat(),
                        "vintage": vintage,
                        "kind": kind,
                        "staff_group": group,
                        "fte": rec.value,
                        "total_fte": total,
                        "share": rec.value / total,
                        "rows": " + ".join(f"{r.series}={r.value:g} (row {r.row})" for r in combo),
                        "source_urls": " ; ".join(dict.fromkeys(r.source_url for r in combo)),
                    }
                )
    shares = pd.DataFrame(out, columns=SHARE_COLUMNS)
    if not shares["kind"].eq(RATIO).all():  # rows are matched on one date and one vintage above
        raise RuntimeError("staff_shares built a set whose rows differ in date or vintage")
    return shares


def ratios_over_time(frame: pd.DataFrame) -> pd.DataFrame:
    """Other clinicians per GP of kind `ratio` for every definition, vintage and date."""
    ratios = all_gp_ratios(frame, include_superseded=True)
    return ratios[ratios["kind"] == RATIO].reset_index(drop=True)


def dates_held(frame: pd.DataFrame, start="2015-01-01", end="2025-12-31") -> pd.DataFrame:
    """For each staff group and vintage: how many reference dates between `start` and `end`
    have a level (FTE, or a count whose unit the source does not state), and which."""
    out = []
    for setting, group, series in HELD:
        rows = _levels(frame, series, LEVEL_MEASURES)
        rows = rows[(rows["period_end"] >= pd.Timestamp(start)) & (rows["period_end"] <= pd.Timestamp(end))]
        for vintage, part in rows.groupby("vintage", sort=True):
            dates = sorted(part["period_end"].unique())
            out.append(
                {
                    "setting": setting,
                    "staff_group": group,
                    "vintage": vintage,
                    "dates": len(dates),
                    "first": pd.Timestamp(dates[0]).date().isoformat(),
                    "last": pd.Timestamp(dates[-1]).date().isoformat(),
                    "reference_dates": "; ".join(fmt_date(pd.Timestamp(d)) for d in dates),
                    "series": ", ".join(sorted(part["series"].unique())),
                }
            )
    return pd.DataFrame(out)


def _vintage_words(vintage: str) -> str:
    label = vintage_label(vintage)
    return label[:1].lower() + label[1:]


def _held_text(held: pd.DataFrame, group: str) -> str:
    """'2 in the current vintage and 3 in superseded ones' for one GP-practice staff group."""
    part = held[(held["setting"] == GP_PRACTICES) & (held["staff_group"] == group)]
    current = int(part.loc[part["vintage"] == "current", "dates"].sum())
    superseded = int(part.loc[part["vintage"].str.startswith("superseded"), "dates"].sum())
    return f"{current} in the current vintage and {superseded} in superseded ones"


def mix_numbers(shares: pd.DataFrame, ratios: pd.DataFrame, held: pd.DataFrame) -> dict:
    """Quoted numbers of the section on the mix over time."""
    sets = shares.drop_duplicates(["period", "vintage"]).sort_values("period")
    out = {
        "mix_sets": fmt_int(len(sets)),
        "mix_set_dates": " and ".join(
            f"{fmt_date(p)} ({_vintage_words(v)})" for p, v in zip(sets["period"], sets["vintage"])
        ),
        "mix_ratio_dates": fmt_int(ratios["period"].nunique()),
        "mix_ratio_current_dates": fmt_int(ratios.loc[ratios["vintage"] == "current", "period"].nunique()),
    }
    for key, group in zip(("gp", "nurses", "dpc", "admin"), STAFF_GROUPS, strict=True):
        out[f"mix_held_{key}"] = _held_text(held, group)
        part = shares[shares["staff_group"] == group].sort_values("period")
        out[f"mix_{key}_first"] = fmt_pct(part["share"].iloc[0]) if len(part) else NOT_AVAILABLE
        out[f"mix_{key}_last"] = fmt_pct(part["share"].iloc[-1]) if len(part) else NOT_AVAILABLE
    top = ratios.loc[ratios["ratio"].idxmax()]
    out["mix_ratio_max"] = fmt_num(top["ratio"])
    out["mix_ratio_max_den"] = DENOMINATORS[top["denominator"]][0]
    out["mix_ratio_max_period"] = fmt_date(top["period"])
    out["mix_ratio_max_vintage"] = _vintage_words(top["vintage"])
    out["mix_ratio_gap"] = fmt_num(STUDY_RATIO - top["ratio"])
    return out
