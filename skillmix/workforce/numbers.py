"""The numbers the workforce chapter quotes in its prose, as strings to glue.

Each function returns a dict of glue key -> text, computed from the rows the chapter shows;
a value the selected rows do not have reads `NOT_AVAILABLE`.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from ..core.formats import NOT_AVAILABLE, fmt_date, fmt_int, fmt_num, fmt_pct
from .arrs import ARRS_BASELINE, ARRS_TARGET
from .gp_ratio import STUDY_RATIO
from .published import select

fmt_num1 = partial(fmt_num, digits=1)
fmt_pct1 = partial(fmt_pct, digits=1)


def _at(frame: pd.DataFrame, column: str, position: int, fmt=fmt_int) -> str:
    """`fmt` of `frame[column]` at `position` (0: first, -1: last); NOT_AVAILABLE if `frame` is empty."""
    return fmt(frame[column].iloc[position]) if len(frame) else NOT_AVAILABLE


def _dates(text: str) -> str:
    """'2015-09-30;2015-12-31' -> '30 September 2015, 31 December 2015'."""
    return ", ".join(fmt_date(p) for p in text.split(";"))


def coverage_numbers(published: pd.DataFrame, *, period_from, period_to, include_superseded: bool) -> dict:
    """Quoted numbers of the chapter's opening: the curated file's size, and this run's dates
    and vintage rule."""
    rule = (
        "current-vintage rows, with superseded values shown marked (hollow markers, dashed lines)"
        if include_superseded
        else "current-vintage rows only; superseded values are left out"
    )
    return {
        "n_rows": fmt_int(len(published)),
        "n_urls": fmt_int(published["source_url"].nunique()),
        "period_from": fmt_date(period_from),
        "period_to": fmt_date(period_to),
        "vintage_rule": rule,
    }


def _staff_numbers(rows: pd.DataFrame, vintage: str) -> dict:
    """First and last values of each GP-practice staff group of one vintage."""
    out = {}
    groups = (
        ("fq", "gp_fully_qualified_fte", True),
        ("perm", "gp_permanent_fte", True),
        ("nurses", "gp_nurses_fte", False),
        ("dpc", "gp_dpc_fte", False),
        ("admin", "gp_admin_fte", False),
    )
    for key, series, with_first in groups:
        part = rows[(rows["series"] == series) & (rows["vintage"] == vintage)].sort_values(["period_end", "row"])
        if with_first:
            out[f"{key}_first"] = _at(part, "value", 0)
            out[f"{key}_first_period"] = _at(part, "period", 0, fmt_date)
        out[f"{key}_last"] = _at(part, "value", -1)
        out[f"{key}_last_period"] = _at(part, "period", -1, fmt_date)
        out[f"{key}_n"] = fmt_int(len(part))
    return out


def _combination_numbers(combos: pd.DataFrame) -> dict:
    """What the combinations of definitions, vintages and dates give (see `ratio_combinations`)."""
    same = combos[combos["kind"] == "same vintage, same date"]
    sup = same[same["superseded"]]
    out = {
        "combo_n": fmt_int(len(combos)),
        "same_n": fmt_int(len(same)),
        "same_min": fmt_num(same["ratio"].min()),
        "same_max": fmt_num(same["ratio"].max()),
        "sup_min": fmt_num(sup["ratio"].min()) if len(sup) else NOT_AVAILABLE,
        "sup_max": fmt_num(sup["ratio"].max()) if len(sup) else NOT_AVAILABLE,
        "sup_first_period": fmt_date(sup["period"].min()) if len(sup) else NOT_AVAILABLE,
        "sup_first_ratio": _at(sup.sort_values(["period", "ratio"]), "ratio", 0, fmt_num),
    }
    for key, kind in (
        ("pcn", "PCN added from a nearby date"),
        ("mixed", "mixed vintages"),
        ("collated", "collated DPC, mixed dates"),
    ):
        part = combos[(combos["kind"] == kind) & (combos["denominator"] == "permanent")]
        out[f"{key}_ratio"] = _at(part, "ratio", 0, fmt_num)
        out[f"{key}_ratio_max"] = fmt_num(part["ratio"].max()) if len(part) else NOT_AVAILABLE
        out[f"{key}_ratio_min"] = fmt_num(part["ratio"].min()) if len(part) else NOT_AVAILABLE
        out[f"{key}_gap_days"] = _at(part, "period_gap_days", 0)
        out[f"{key}_num"] = _at(part, "numerator_fte", 0)
        out[f"{key}_den"] = _at(part, "denominator_fte", 0)
        out[f"{key}_periods"] = _at(part, "numerator_periods", 0, _dates)
        out[f"{key}_den_period"] = _at(part, "period", 0, fmt_date)
    closest = combos.loc[combos["gap_to_study"].abs().idxmin()]
    out["closest_ratio"] = fmt_num(closest["ratio"])
    out["closest_kind"] = closest["kind"]
    out["study_ratio"] = fmt_num1(STUDY_RATIO)
    return out


def gp_numbers(rows: pd.DataFrame, ratios: pd.DataFrame, combos: pd.DataFrame, vintage: str = "current") -> dict:
    """Quoted numbers of the general-practice section.

    `rows`: the GP-practice rows shown; `ratios`: the same-vintage ratios shown (current or
    practice-CSV vintage); `combos`: `ratio_combinations` of the curated file.
    """
    out = _staff_numbers(rows, vintage)
    shown = ratios[ratios["vintage"] == vintage].sort_values("period")
    perm = shown[shown["denominator"] == "permanent"]
    fq = shown[shown["denominator"] == "fully_qualified"]
    out["ratio_n_periods"] = fmt_int(shown["period"].nunique())
    out["ratio_perm_latest"] = _at(perm, "ratio", -1, fmt_num)
    out["ratio_perm_period"] = _at(perm, "period", -1, fmt_date)
    out["ratio_perm_num"] = _at(perm, "numerator_fte", -1)
    out["ratio_perm_den"] = _at(perm, "denominator_fte", -1)
    out["ratio_fq_latest"] = _at(fq, "ratio", -1, fmt_num)
    return {**out, **_combination_numbers(combos)}


def arrs_numbers(arrs: pd.DataFrame) -> dict:
    """Quoted numbers of the ARRS section (`arrs_progress` rows)."""
    out = {"arrs_target": fmt_int(ARRS_TARGET), "arrs_baseline": fmt_date(ARRS_BASELINE)}
    col = arrs[arrs["series"] == "primary_care_dpc_fte_change_vs_2019-03"].sort_values("period_end")
    for end, position in (("first", 0), ("last", -1)):
        out[f"arrs_col_{end}"] = _at(col, "value", position)
        out[f"arrs_col_{end}_period"] = _at(col, "period", position, fmt_date)
        out[f"arrs_col_{end}_share"] = _at(col, "share_of_target", position, fmt_pct)
    nwrs = arrs[(arrs["series"] == "arrs_fte_nwrs") & (arrs["qualifier"] == "")].sort_values("period_end")
    out["arrs_nwrs_last"] = _at(nwrs, "value", -1)
    out["arrs_nwrs_last_period"] = _at(nwrs, "period", -1, fmt_date)
    nwrs23 = arrs[arrs["series"] == "arrs_dpc_fte_nwrs"]
    out["arrs_nwrs23"] = _at(nwrs23, "value", 0)
    out["arrs_nwrs23_period"] = _at(nwrs23, "period", 0, fmt_date)
    out["arrs_conflict"] = _at(arrs[arrs["series"] == "primary_care_staff_change_vs_2019-03"], "value", 0)
    roles = arrs[arrs["series"] == "arrs_roles_claims_nwrs"].sort_values("period_end")
    out["arrs_roles_last"] = _at(roles, "value", -1)
    out["arrs_roles_last_period"] = _at(roles, "period", -1, fmt_date)
    out["arrs_n_rows"] = fmt_int(len(arrs))
    return out


def roles_numbers(summary: pd.DataFrame) -> dict:
    """Quoted numbers of the new-roles section (the summary of `new_roles_progress`)."""
    out = {}
    for key, role in (("na", "nursing associates"), ("pa", "physician associates"), ("aa", "anaesthesia associates")):
        rec = summary.set_index("role").loc[role]
        out[f"{key}_latest"] = fmt_int(rec["latest_value"])
        out[f"{key}_latest_period"] = fmt_date(rec["latest_period"])
        out[f"{key}_first"] = fmt_int(rec["first_value"])
        out[f"{key}_first_period"] = fmt_date(rec["first_period"])
        out[f"{key}_ambition"] = fmt_int(rec["ambition"])
        out[f"{key}_ambition_period"] = fmt_date(rec["ambition_period"])
        out[f"{key}_share"] = fmt_pct(rec["share_of_ambition"])
        out[f"{key}_growth_obs"] = fmt_pct1(rec["observed_annual_growth"])
        out[f"{key}_growth_req"] = fmt_pct1(rec["required_annual_growth"])
    return out


def hchs_numbers(totals: pd.DataFrame, mix: pd.DataFrame, frame: pd.DataFrame) -> dict:
    """Quoted numbers of the HCHS section (`hchs_totals`, `hchs_staff_mix` and the curated rows)."""
    out = {}
    total = totals[(totals["series"] == "hchs_total_fte") & (totals["qualifier"] == "")].sort_values("period_end")
    share = totals[totals["series"] == "hchs_infrastructure_support_share"].sort_values("period_end")
    if len(total) >= 2:
        out.update(
            hchs_first=fmt_int(total["value"].iloc[0]),
            hchs_first_period=fmt_date(total["period"].iloc[0]),
            hchs_last=fmt_int(total["value"].iloc[-1]),
            hchs_last_period=fmt_date(total["period"].iloc[-1]),
            hchs_growth=fmt_pct1(total["value"].iloc[-1] / total["value"].iloc[0] - 1),
        )
    else:
        out.update(
            {
                k: NOT_AVAILABLE
                for k in ("hchs_first", "hchs_first_period", "hchs_last", "hchs_last_period", "hchs_growth")
            }
        )
    out["infra_first"] = _at(share, "value", 0, "{:.1f}%".format)
    out["infra_last"] = _at(share, "value", -1, "{:.1f}%".format)
    for group, key in (
        ("nurses and health visitors", "mix_nurses"),
        ("support to clinical staff", "mix_support"),
        ("infrastructure support", "mix_infra"),
        ("consultants", "mix_consultants"),
        ("doctors in training", "mix_trainees"),
        ("midwives", "mix_midwives"),
    ):
        out[key] = _at(mix[(mix["staff_group"] == group) & (mix["period"] == "2017-09-30")], "share", 0, fmt_pct)
    npd = select(frame, "hchs_nurses_per_doctor").sort_values("period_end")
    out["hf_npd_first"] = _at(npd, "value", 0, fmt_num1)
    out["hf_npd_first_period"] = _at(npd, "period", 0, str)
    out["hf_npd_last"] = _at(npd, "value", -1, fmt_num1)
    out["hf_npd_last_period"] = _at(npd, "period", -1, str)
    return out


def oecd_numbers(dens: pd.DataFrame, ratios: pd.DataFrame) -> dict:
    """Quoted numbers of the international comparison (`oecd_comparison`)."""

    def value(profession, geo, year):
        part = dens[(dens["profession"] == profession) & (dens["geography"] == geo) & (dens["year"] == year)]
        return part["value"].iloc[0] if len(part) else None

    def ratio(geo, year, kind="computed"):
        part = ratios[(ratios["geography"] == geo) & (ratios["year"] == year) & ratios["kind"].str.startswith(kind)]
        return part["nurses_per_doctor"].iloc[0] if len(part) else None

    out = {}
    for prof in ("doctors", "nurses"):
        out[f"uk_{prof}_2017"] = fmt_num1(value(prof, "uk", "2017"))
        out[f"oecd_{prof}_2017"] = fmt_num1(value(prof, "oecd_average", "2017"))
        out[f"oecd_{prof}_2021"] = fmt_num1(value(prof, "oecd_average", "2021"))
    out["uk_npd_2017"] = fmt_num(ratio("uk", "2017"))
    out["oecd_npd_2017"] = fmt_num(ratio("oecd_average", "2017"))
    out["oecd_npd_2017_pub"] = fmt_num1(ratio("oecd_average", "2017", "published"))
    out["oecd_npd_2021"] = fmt_num(ratio("oecd_average", "2021"))
    out["n_npd_computed"] = fmt_int(len(ratios[ratios["kind"] == "computed"]))
    uk_nurses = dens[(dens["profession"] == "nurses") & (dens["geography"] == "uk") & (dens["year"] != "")]
    uk_nurses = uk_nurses.sort_values("period_end")
    out["uk_nurses_latest"] = _at(uk_nurses, "value", -1, fmt_num)
    out["uk_nurses_latest_year"] = _at(uk_nurses, "year", -1, str)
    return out
