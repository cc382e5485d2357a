"""The numbers the workforce chapter quotes in its prose, as strings to glue.

Each function returns a dict of glue key -> text, computed from the rows the chapter shows;
a value the selected rows do not have reads `NOT_AVAILABLE`. A published value is quoted
with its qualifier ("about 37,000", "4,353 (derived: ...)"; `qualifiers.qualified_value`).
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from ..core.artifacts import MarkdownText
from ..core.formats import NOT_AVAILABLE, fmt_date, fmt_int, fmt_num, fmt_pct
from .arrs import ARRS_BASELINE, ARRS_TARGET, ARRS_TARGET_2019
from .gp_combinations import COLLATED, FIRST_RELEASE, PCN_NEARBY, kind_counts
from .gp_ratio import RATIO, STUDY_RATIO
from .published import select
from .qualifiers import qualified_value

PAA = "physician assistants in anaesthesia"
fmt_num1 = partial(fmt_num, digits=1)
fmt_pct1 = partial(fmt_pct, digits=1)


def _at(frame: pd.DataFrame, column: str, position: int, fmt=fmt_int) -> str:
    """`fmt` of `frame[column]` at `position` (0: first, -1: last); NOT_AVAILABLE if `frame` is empty.

    A published value (`column` "value" of rows with a qualifier) is quoted with its qualifier.
    """
    if not len(frame):
        return NOT_AVAILABLE
    rec = frame.iloc[position]
    if column == "value" and "qualifier" in frame:
        return qualified_value(rec["value"], rec["qualifier"], rec.get("note", ""), fmt)
    return fmt(rec[column])


def _source_link(rows: pd.DataFrame) -> str:
    """The first row's source as a markdown link '[title](url)' (glued with {glue:md})."""
    if not len(rows):
        return NOT_AVAILABLE
    rec = rows.iloc[0]
    return MarkdownText(f"[{rec['source_title']}]({rec['source_url']})")


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
    """What the combinations of definitions, vintages and dates give (see `ratio_combinations`).

    Each quoted value comes with the kind of its combination (`*_kind`): only a `ratio` is
    called a ratio in the prose.
    """
    same = combos[combos["kind"] == RATIO]
    sup = same[same["superseded"]]
    out = {
        "combo_n": fmt_int(len(combos)),
        "combo_kinds": kind_counts(combos),
        "same_n": fmt_int(len(same)),
        "same_min": fmt_num(same["ratio"].min()),
        "same_max": fmt_num(same["ratio"].max()),
        "sup_min": fmt_num(sup["ratio"].min()) if len(sup) else NOT_AVAILABLE,
        "sup_max": fmt_num(sup["ratio"].max()) if len(sup) else NOT_AVAILABLE,
        "sup_first_period": fmt_date(sup["period"].min()) if len(sup) else NOT_AVAILABLE,
        "sup_first_ratio": _at(sup.sort_values(["period", "ratio"]), "ratio", 0, fmt_num),
    }
    for key, construction in (("pcn", PCN_NEARBY), ("mixed", FIRST_RELEASE), ("collated", COLLATED)):
        built = combos[combos["construction"] == construction]
        part = built[built["denominator"] == "permanent"]
        out[f"{key}_kind"] = _at(part, "kind", 0, str)
        out[f"{key}_value"] = _at(part, "ratio", 0, fmt_num)
        out[f"{key}_value_fq"] = _at(built[built["denominator"] == "fully_qualified"], "ratio", 0, fmt_num)
        out[f"{key}_gap_days"] = _at(part, "period_gap_days", 0)
        out[f"{key}_periods"] = _at(part, "numerator_periods", 0, _dates)
        out[f"{key}_den_period"] = _at(part, "period", 0, fmt_date)
        out[f"{key}_qualified_parts"] = _at(part, "qualified_parts", 0, _qualified_parts)
    closest = combos.loc[combos["gap_to_study"].abs().idxmin()]
    out["closest_value"] = fmt_num(closest["ratio"])
    out["closest_kind"] = closest["kind"]
    out["closest_construction"] = closest["construction"]
    out["closest_periods"] = _dates(closest["numerator_periods"])
    out["closest_den_period"] = fmt_date(closest["period"])
    out["study_ratio"] = fmt_num1(STUDY_RATIO)
    return out


def _qualified_parts(text: str) -> str:
    """'gp_nurses_fte: about 15,400 ; gp_dpc_fte: about 9,150' -> 'about 15,400 and about 9,150'
    (the qualified parts of a combination, as quoted)."""
    return " and ".join(part.split(": ", 1)[-1] for part in str(text).split(" ; ")) if text else "none"


def gp_numbers(rows: pd.DataFrame, ratios: pd.DataFrame, combos: pd.DataFrame, vintage: str = "current") -> dict:
    """Quoted numbers of the general-practice section.

    `rows`: the GP-practice rows shown; `ratios`: the ratios shown (current or practice-CSV
    vintage); `combos`: `ratio_combinations` of the curated file. Only combinations of kind
    `ratio` (parts of one vintage and one reference date) give the "latest ratio", whatever
    else `ratios` holds.
    """
    out = _staff_numbers(rows, vintage)
    shown = ratios[(ratios["kind"] == RATIO) & (ratios["vintage"] == vintage)].sort_values("period", kind="stable")
    perm = shown[shown["denominator"] == "permanent"]
    fq = shown[shown["denominator"] == "fully_qualified"]
    out["ratio_n_periods"] = fmt_int(shown["period"].nunique())
    out["ratio_perm_latest"] = _at(perm, "ratio", -1, fmt_num)
    out["ratio_perm_period"] = _at(perm, "period", -1, fmt_date)
    out["ratio_perm_num"] = _at(perm, "numerator_fte", -1)
    out["ratio_perm_den"] = _at(perm, "denominator_fte", -1)
    out["ratio_fq_latest"] = _at(fq, "ratio", -1, fmt_num)
    out["ratio_fq_period"] = _at(fq, "period", -1, fmt_date)
    return {**out, **_combination_numbers(combos)}


def arrs_numbers(arrs: pd.DataFrame) -> dict:
    """Quoted numbers of the ARRS section (`arrs_progress` rows)."""
    out = {"arrs_baseline": fmt_date(ARRS_BASELINE)}
    targets = arrs[arrs["series"] == "arrs_target_additional_staff"]
    for key, value in (("arrs_target", ARRS_TARGET), ("arrs_target_2019", ARRS_TARGET_2019)):
        row = targets[targets["value"] == value]
        out[key] = _at(row, "value", 0)
        out[f"{key}_source"] = _source_link(row)
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
    """Quoted numbers of the new-roles section (the summary of `new_roles_progress`); each
    published value with its qualifier ("more than 64,000", "4,353 (derived: ...)")."""
    out = {}
    roles = summary.set_index("role")
    for key, role in (("na", "nursing associates"), ("pa", "physician assistants"), ("aa", PAA)):
        rec = roles.loc[role]
        for end in ("first", "latest"):
            out[f"{key}_{end}"] = qualified_value(rec[f"{end}_value"], rec[f"{end}_qualifier"], rec[f"{end}_note"])
            out[f"{key}_{end}_period"] = fmt_date(rec[f"{end}_period"])
        out[f"{key}_ambition"] = qualified_value(rec["ambition"], rec["ambition_qualifier"], rec["ambition_note"])
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
