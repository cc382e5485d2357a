"""Published workforce figures: loading, validation, selection and the chapter's computations.

The curated file `data/workforce/workforce_published.csv` has one published value a row,
with its source URL, reference period and vintage (see `data/workforce/README.md`). This
module checks every row, selects rows without mixing vintages silently, and computes what
the workforce chapter reports:

* the ratio of other clinicians to GPs, only from a numerator and a denominator of the same
  vintage and reference date (`gp_ratios`), and a table of what each combination of
  definitions and vintages gives against the study's "about 1 to 2.6" (`ratio_combinations`);
* ARRS recruitment against the 26,000 target, keeping collated ARRS+NWRS figures and
  NWRS-only counts apart (`arrs_progress`, `arrs_change`);
* nursing, physician and anaesthesia associates against the Long Term Workforce Plan
  (`new_roles_progress`);
* hospital and community health services totals and staff-group mix (`hchs_totals`,
  `hchs_staff_mix`);
* OECD densities and nurses per doctor, the latter only from same-year, same-source rows
  (`oecd_comparison`).

Every computed row carries the row numbers and source URLs of the values it was built from.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd

from . import nhs_csv
from .core.errors import InputError
from .core.chapter_spec import resolve_path
from .core.paths import DATA, relative
from .core.timeline import PERIOD_FORMS, URL_PATTERN, load_timeline, parse_period  # noqa: F401

PUBLISHED = DATA / "workforce" / "workforce_published.csv"

COLUMNS = ("series", "geography", "period", "measure", "value", "vintage", "qualifier",
           "source_title", "source_url", "note")
VINTAGES = ("current", "superseded_aug2021", "superseded_original", "not_applicable")
SUPERSEDED = ("superseded_aug2021", "superseded_original")
# Rows computed by this package from an official practice-level CSV (`skillmix.nhs_csv`);
# never found in the curated file.
PRACTICE_CSV_VINTAGE = "practice_csv"
MEASURES = ("fte", "headcount", "count", "per_1000_population", "per_10000_population",
            "per_100000_population", "ratio", "target", "percent", "fte_change", "headcount_change")
QUALIFIERS = ("", "about", "more than", "almost", "just over", "estimate", "derived")
# Series outside the GP Workforce (wMDS/NWRS) statistics have no vintage.
NO_VINTAGE_PREFIXES = ("pcn_", "hchs_", "oecd_", "ltwp_", "gpfv_", "ltp_", "arrs_")
SERIES_PATTERN = r"[a-z][a-z0-9_]*(?:-[0-9]{2})?[a-z0-9_]*"
GEOGRAPHY_PATTERN = r"[a-z][a-z0-9_]*"

STUDY_RATIO = 2.6  # "about 1 to 2.6" (Nuffield Trust, In the balance, 2025): the claim being checked
STUDY_RATIO_START = 1.0

# Definitions of the ratio's parts (series ids of the curated file).
NUMERATORS = {
    "nurses_dpc": ("practice nurses + direct patient care", ("gp_nurses_fte", "gp_dpc_fte")),
    "nurses_dpc_pcn": ("practice nurses + direct patient care + PCN direct patient care (NWRS)",
                       ("gp_nurses_fte", "gp_dpc_fte", "pcn_dpc_fte")),
}
DENOMINATORS = {
    "permanent": ("fully qualified permanent GPs (excl. trainees and locums)", "gp_permanent_fte"),
    "fully_qualified": ("fully qualified GPs (incl. locums, excl. trainees)", "gp_fully_qualified_fte"),
}


# --------------------------------------------------------------------------- loading

def _fail(problem, path, row, column, value, allowed=None):
    raise InputError(problem, file=relative(path), row=row, column=column, value=value, allowed=allowed)


def read_csv_strict(path, columns) -> pd.DataFrame:
    """Read a CSV as text, checking the header; add `row`, the line number in the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=relative(path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        _fail("required column missing", path, 1, missing[0], None, columns)
    extra = [c for c in frame.columns if c not in columns]
    if extra:
        _fail("unexpected column", path, 1, extra[0], None, columns)
    frame = frame[list(columns)].copy()
    frame.insert(0, "row", np.arange(len(frame)) + 2)  # line 1 is the header
    return frame


def load_published(path=PUBLISHED) -> pd.DataFrame:
    """The curated published figures, validated, with parsed periods.

    Adds: `row` (line in the file), `value` as float, `period_start`, `period_end`
    (the reference date), `period_kind`, and `superseded` (True for superseded vintages).
    Raises InputError naming file, row, column, value and allowed values on the first bad cell.
    """
    frame = read_csv_strict(path, COLUMNS)
    starts, ends, kinds, values = [], [], [], []
    for rec in frame.itertuples(index=False):
        row = rec.row
        if not re.fullmatch(SERIES_PATTERN, rec.series):
            _fail("series must be a snake_case id", path, row, "series", rec.series, ["pattern " + SERIES_PATTERN])
        if not re.fullmatch(GEOGRAPHY_PATTERN, rec.geography):
            _fail("geography must be snake_case", path, row, "geography", rec.geography,
                  ["england, uk, oecd_average, ... (pattern " + GEOGRAPHY_PATTERN + ")"])
        try:
            start, end, kind = parse_period(rec.period)
        except ValueError as exc:
            _fail(f"invalid period ({exc})", path, row, "period", rec.period, PERIOD_FORMS)
        if rec.measure not in MEASURES:
            _fail("unknown measure", path, row, "measure", rec.measure, MEASURES)
        try:
            value = float(rec.value)
        except ValueError:
            _fail("value must be a number", path, row, "value", rec.value, ["a number, e.g. 27519 or 2.6"])
        if not np.isfinite(value):
            _fail("value must be finite", path, row, "value", rec.value)
        if rec.vintage not in VINTAGES:
            _fail("unknown vintage", path, row, "vintage", rec.vintage, VINTAGES)
        if rec.series.startswith(NO_VINTAGE_PREFIXES) and rec.vintage != "not_applicable":
            _fail("series outside the GP Workforce statistics have no vintage", path, row, "vintage",
                  rec.vintage, ["not_applicable"])
        if rec.qualifier not in QUALIFIERS:
            _fail("unknown qualifier", path, row, "qualifier", rec.qualifier, ["(empty)"] + list(QUALIFIERS[1:]))
        if not re.fullmatch(URL_PATTERN, rec.source_url):
            _fail("source_url must be an http(s) address", path, row, "source_url", rec.source_url,
                  ["http://... or https://..."])
        if not rec.source_title.strip():
            _fail("source_title is empty", path, row, "source_title", rec.source_title)
        starts.append(start)
        ends.append(end)
        kinds.append(kind)
        values.append(value)
    frame["value"] = values
    frame["period_start"] = starts
    frame["period_end"] = ends
    frame["period_kind"] = kinds
    frame["superseded"] = frame["vintage"].isin(SUPERSEDED)
    return frame


# --------------------------------------------------------------------------- selection

def select(frame: pd.DataFrame, series=None, *, geography=None, measure=None, period_from=None,
           period_to=None, include_superseded: bool = False) -> pd.DataFrame:
    """Rows of the given series (id, list of ids, or a prefix ending in '_*'), by reference date.

    Superseded vintages are dropped unless `include_superseded`; when kept, the
    `superseded` column marks them. `period_from`/`period_to` bound the reference date
    (inclusive). Sorted by series, reference date and row.
    """
    out = frame
    if series is not None:
        names = [series] if isinstance(series, str) else list(series)
        mask = pd.Series(False, index=out.index)
        for name in names:
            if name.endswith("*"):
                mask |= out["series"].str.startswith(name[:-1])
            else:
                mask |= out["series"] == name
        out = out[mask]
    for column, wanted in (("geography", geography), ("measure", measure)):
        if wanted is not None:
            wanted = [wanted] if isinstance(wanted, str) else list(wanted)
            out = out[out[column].isin(wanted)]
    if period_from is not None:
        out = out[out["period_end"] >= pd.Timestamp(period_from)]
    if period_to is not None:
        out = out[out["period_end"] <= pd.Timestamp(period_to)]
    if not include_superseded:
        out = out[~out["superseded"]]
    return out.sort_values(["series", "period_end", "row"]).reset_index(drop=True)


def provenance(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns that trace each shown value to its row and source."""
    cols = ["series", "geography", "period", "measure", "value", "vintage", "qualifier",
            "source_title", "source_url", "row"]
    return rows[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- GP ratio

def _rows_by_key(rows: pd.DataFrame, series: str) -> dict:
    part = rows[rows["series"] == series]
    out: dict = {}
    for rec in part.itertuples(index=False):
        out.setdefault((rec.period_end, rec.vintage), []).append(rec)
    return out


def _combine(parts: list, denominator, *, numerator_key, denominator_key, note="") -> dict:
    num = sum(p.value for p in parts)
    vintages = sorted({p.vintage for p in parts} | {denominator.vintage})
    gp_vintages = sorted({p.vintage for p in parts if p.series.startswith("gp_")} | {denominator.vintage})
    periods = sorted({p.period_end for p in parts} | {denominator.period_end})
    urls = []
    for p in list(parts) + [denominator]:
        if p.source_url not in urls:
            urls.append(p.source_url)
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


def gp_ratios(frame: pd.DataFrame, numerator: str = "nurses_dpc", denominator: str = "permanent",
              include_superseded: bool = False) -> pd.DataFrame:
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
    den_series = DENOMINATORS[denominator][1]
    out = []
    for (period, vintage), dens in sorted(_rows_by_key(rows, den_series).items()):
        options = []
        for series in parts:
            keyed = _rows_by_key(rows, series)
            key_vintage = "not_applicable" if series.startswith("pcn_") else vintage
            options.append(keyed.get((period, key_vintage), []))
        if not all(options):
            continue
        for den in dens:
            for combo in product(*options):
                out.append(_combine(list(combo), den, numerator_key=numerator, denominator_key=denominator))
    columns = ["numerator", "denominator", "period", "numerator_periods", "vintage", "same_vintage",
               "same_period", "period_gap_days", "numerator_fte", "denominator_fte", "ratio", "parts",
               "denominator_row", "same_source", "source_urls", "note", "all_vintages"]
    result = pd.DataFrame(out, columns=columns)
    result["superseded"] = result["vintage"].isin(SUPERSEDED)
    return result.sort_values(["period", "vintage", "ratio"]).reset_index(drop=True)


def all_gp_ratios(frame: pd.DataFrame, include_superseded: bool = False) -> pd.DataFrame:
    """`gp_ratios` for every numerator and denominator definition, stacked."""
    parts = [gp_ratios(frame, n, d, include_superseded) for n in NUMERATORS for d in DENOMINATORS]
    parts = [p for p in parts if len(p)]
    if not parts:
        return gp_ratios(frame, "nurses_dpc", "permanent", include_superseded)
    return pd.concat(parts, ignore_index=True)


def _nearest(rows, series, period, vintage=None, *, max_days=None, before_only=False):
    part = rows[rows["series"] == series]
    if vintage is not None:
        part = part[part["vintage"] == vintage]
    if before_only:
        part = part[part["period_end"] <= period]
    if part.empty:
        return None
    gaps = (part["period_end"] - period).abs()
    best = part.loc[gaps.sort_values(kind="stable").index[0]]
    if max_days is not None and abs((best["period_end"] - period).days) > max_days:
        return None
    return best


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

    extra = []
    current = frame[frame["vintage"] == "current"]
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
            parts = [next(nurses.itertuples(index=False)), next(dpc.itertuples(index=False)),
                     next(pcn[pcn["row"] == near["row"]].itertuples(index=False))]
            rec = _combine(parts, den, numerator_key="nurses_dpc_pcn", denominator_key=d_key,
                           note="PCN sum from a different date")
            rec["kind"] = "PCN added from a nearby date"
            extra.append(rec)

    sep15 = pd.Timestamp(2015, 9, 30)
    first = frame[(frame["vintage"] == "superseded_original") & (frame["period_end"] == sep15)]
    nurses = first[first["series"] == "gp_nurses_fte"]
    dpc = first[first["series"] == "gp_dpc_fte"]
    if not nurses.empty and not dpc.empty:
        for d_key, (_, d_series) in DENOMINATORS.items():
            dens = current[(current["series"] == d_series) & (current["period_end"] == sep15)]
            for den in dens.itertuples(index=False):
                parts = [next(nurses.itertuples(index=False)), next(dpc.itertuples(index=False))]
                rec = _combine(parts, den, numerator_key="nurses_dpc", denominator_key=d_key,
                               note="first-release numerators over a current denominator")
                rec["kind"] = "mixed vintages"
                extra.append(rec)

    collated = frame[frame["series"] == "primary_care_dpc_fte_collated_total"]
    for col in collated.itertuples(index=False):
        nurse = _nearest(current, "gp_nurses_fte", col.period_end, before_only=True)
        den = _nearest(current, "gp_permanent_fte", col.period_end)
        if nurse is None or den is None:
            continue
        parts = [next(current[current["row"] == nurse["row"]].itertuples(index=False)), col]
        den_rec = next(current[current["row"] == den["row"]].itertuples(index=False))
        rec = _combine(parts, den_rec, numerator_key="nurses_collated_dpc", denominator_key="permanent",
                       note="collated ARRS+NWRS DPC total (practices and PCNs) with practice nurses of another date")
        rec["kind"] = "collated DPC, mixed dates"
        extra.append(rec)

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
        {**{k: v[0] for k, v in NUMERATORS.items()},
         "nurses_collated_dpc": "practice nurses + collated primary care DPC (ARRS+NWRS)"})
    out["denominator_label"] = out["denominator"].map({k: v[0] for k, v in DENOMINATORS.items()})
    return out.reset_index(drop=True)


def implied_numerator(frame: pd.DataFrame, ratio: float = STUDY_RATIO) -> dict:
    """The other-clinician FTE that `ratio` implies on the latest current permanent-GP value."""
    den = select(frame, "gp_permanent_fte", geography="england", measure="fte").query("vintage == 'current'")
    latest = den.iloc[-1]
    return {"ratio": ratio, "period": latest["period"], "denominator_fte": latest["value"],
            "numerator_fte": ratio * latest["value"], "row": int(latest["row"]),
            "source_url": latest["source_url"]}


# --------------------------------------------------------------------------- ARRS

# Which measure each ARRS-related series is. Collated figures (Primary Care Workforce
# Quarterly Update: NWRS data with ARRS claims) and NWRS-only counts are different measures.
ARRS_FAMILIES = {
    "primary_care_dpc_fte_change_vs_2019-03": "collated ARRS+NWRS",
    "arrs_collated_fte": "collated ARRS+NWRS",
    "arrs_roles_claims_nwrs": "collated ARRS+NWRS",
    "arrs_era_additional_staff": "government statement",
    "primary_care_staff_change_vs_2019-03": "government statement",
    "primary_care_staff_change_vs_2019-09": "government statement",
    "general_practice_people_change_vs_2019-03": "government statement",
    "arrs_nwrs_dpc_fte_change_vs_2019-03": "NWRS only",
    "arrs_dpc_fte_nwrs": "NWRS only",
    "arrs_fte_nwrs": "NWRS only",
    "pcn_dpc_fte": "NWRS only",
    "arrs_fte_gponline_analysis": "other analysis",
    "arrs_roles_filled": "other analysis",
    "arrs_target_additional_staff": "target",
    "arrs_planning_requirement_wte": "target",
}
ARRS_TARGET = 26000
ARRS_BASELINE = "2019-03-31"


def arrs_progress(frame: pd.DataFrame, period_from=None, period_to=None) -> pd.DataFrame:
    """ARRS-era recruitment figures, each labelled with its measure family.

    `share_of_target` is computed only for rows that measure additional staff against the
    March 2019 baseline (changes since 2019-03 and the collated ARRS totals), divided by the
    26,000 target. Levels from NWRS-only counts are shown as published, never subtracted
    from a collated figure or the other way round.
    """
    rows = select(frame, list(ARRS_FAMILIES), geography="england",
                  period_from=period_from, period_to=period_to).copy()
    rows["family"] = rows["series"].map(ARRS_FAMILIES)
    target = rows[(rows["series"] == "arrs_target_additional_staff") & (rows["value"] == ARRS_TARGET)]
    if target.empty:
        raise InputError("the 26,000 ARRS target row is missing", file=relative(PUBLISHED),
                         column="series", value="arrs_target_additional_staff")
    against = rows["series"].str.endswith("_vs_2019-03") | rows["series"].isin(
        ["arrs_collated_fte", "arrs_era_additional_staff", "arrs_roles_claims_nwrs"])
    against &= rows["family"] != "target"
    rows["share_of_target"] = np.where(against, rows["value"] / ARRS_TARGET, np.nan)
    rows["unit"] = rows["measure"].map({"fte": "FTE", "fte_change": "FTE added", "count": "roles or people",
                                        "headcount_change": "people added", "target": "target"})
    return rows


def arrs_change(frame: pd.DataFrame, first_row: int, second_row: int) -> float:
    """The difference between two ARRS figures, refused unless they are the same measure.

    Both rows must have the same series, measure and family; a collated ARRS+NWRS figure is
    never differenced against an NWRS-only count.
    """
    rows = frame.set_index("row")
    a, b = rows.loc[first_row], rows.loc[second_row]
    fam_a, fam_b = ARRS_FAMILIES.get(a["series"]), ARRS_FAMILIES.get(b["series"])
    if fam_a is None or fam_b is None:
        raise InputError("not an ARRS series", row=first_row if fam_a is None else second_row,
                         column="series", value=a["series"] if fam_a is None else b["series"],
                         allowed=list(ARRS_FAMILIES))
    if (fam_a, a["series"], a["measure"]) != (fam_b, b["series"], b["measure"]):
        raise InputError(
            f"refusing to difference different measures ({fam_a}: {a['series']} vs {fam_b}: {b['series']})",
            row=second_row, column="series", value=b["series"], allowed=[a["series"]])
    return float(b["value"] - a["value"])


# --------------------------------------------------------------------------- new roles vs LTWP

NEW_ROLES = {
    "nursing associates": {
        "observed": ("nursing_associates_nmc_register",),
        "growth": "nursing_associates_nmc_register",
        "target": "ltwp_target_nursing_associates",
    },
    "physician associates": {
        "observed": ("pa_practising", "pa_register", "pa_count"),
        "growth": "pa_register",
        "target": "ltwp_target_pa_workforce",
    },
    "anaesthesia associates": {
        "observed": ("aa_qualified", "aa_count", "aa_register"),
        "growth": "aa_register",
        "target": "ltwp_target_aa_supply",
    },
}


def new_roles_progress(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observed counts of three new roles and their Long Term Workforce Plan ambitions.

    Returns (points, summary). `points` has every observed and target row with a `role` and
    `kind` (observed/ambition). `summary` has, per role: the first and latest observed
    values, their dates, the observed compound annual growth between them, the ambition
    and its date, the share of the ambition the latest value represents, and the compound
    annual growth from the latest value that would reach the ambition by its date. Growth
    uses one register series per role (`growth` in NEW_ROLES); with a single value it is NaN.
    """
    pieces, summary = [], []
    for role, spec in NEW_ROLES.items():
        obs = select(frame, list(spec["observed"])).copy()
        obs["role"], obs["kind"] = role, "observed"
        tgt = select(frame, spec["target"]).copy()
        if tgt.empty:
            raise InputError("Long Term Workforce Plan ambition missing", file=relative(PUBLISHED),
                             column="series", value=spec["target"])
        tgt["role"], tgt["kind"] = role, "ambition"
        pieces += [obs, tgt]
        # Growth uses one register series per role, never a mix of measures.
        reg = obs[obs["series"] == spec["growth"]].sort_values(["period_end", "row"])
        first, last, goal = reg.iloc[0], reg.iloc[-1], tgt.iloc[-1]
        years = (last["period_end"] - first["period_end"]).days / 365.25
        years_left = (goal["period_end"] - last["period_end"]).days / 365.25
        summary.append({
            "role": role,
            "first_series": first["series"], "first_period": first["period"], "first_value": first["value"],
            "first_qualifier": first["qualifier"], "first_row": int(first["row"]),
            "latest_series": last["series"], "latest_period": last["period"], "latest_value": last["value"],
            "latest_qualifier": last["qualifier"], "latest_row": int(last["row"]),
            "observed_annual_growth": (last["value"] / first["value"]) ** (1 / years) - 1 if years > 0 else np.nan,
            "ambition": goal["value"], "ambition_period": goal["period"], "ambition_qualifier": goal["qualifier"],
            "ambition_row": int(goal["row"]), "ambition_geography": goal["geography"],
            "observed_geography": last["geography"],
            "share_of_ambition": last["value"] / goal["value"],
            "required_annual_growth": (goal["value"] / last["value"]) ** (1 / years_left) - 1,
            "source_urls": " ; ".join(dict.fromkeys([first["source_url"], last["source_url"], goal["source_url"]])),
        })
    points = pd.concat(pieces, ignore_index=True)
    return points, pd.DataFrame(summary)


# --------------------------------------------------------------------------- HCHS

HCHS_GROUPS = {
    "hchs_consultants_fte": "consultants",
    "hchs_doctors_in_training_fte": "doctors in training",
    "hchs_nurses_hv_fte": "nurses and health visitors",
    "hchs_midwives_fte": "midwives",
    "hchs_support_to_clinical_fte": "support to clinical staff",
    "hchs_trusts_ccgs_infrastructure_support_fte": "infrastructure support",
}


def hchs_totals(frame: pd.DataFrame, period_from=None, period_to=None) -> pd.DataFrame:
    """HCHS total FTE (trusts and core organisations, August) and the infrastructure-support share."""
    return select(frame, ["hchs_total_fte", "hchs_infrastructure_support_fte", "hchs_infrastructure_support_share"],
                  geography="england", period_from=period_from, period_to=period_to)


def hchs_staff_mix(frame: pd.DataFrame) -> pd.DataFrame:
    """Staff groups as a share of the trusts-and-CCGs total of the same date and source.

    Only dates where the group and the total were published together are used (September
    2016 and 2017, rounded press figures). Groups not listed (other doctors, scientific,
    therapeutic and technical staff, ambulance staff ...) are the remainder.
    """
    groups = select(frame, list(HCHS_GROUPS), geography="england")
    totals = select(frame, "hchs_trusts_ccgs_total_fte", geography="england")
    out = []
    for rec in groups.itertuples(index=False):
        match = totals[(totals["period_end"] == rec.period_end) & (totals["source_url"] == rec.source_url)]
        if match.empty:
            continue
        total = match.iloc[0]
        out.append({"period": rec.period, "staff_group": HCHS_GROUPS[rec.series], "series": rec.series,
                    "fte": rec.value, "total_fte": total["value"], "share": rec.value / total["value"],
                    "qualifier": rec.qualifier or "", "row": rec.row, "total_row": int(total["row"]),
                    "source_url": rec.source_url})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- OECD

def _publication(title: str) -> str:
    return title.split(":")[0].strip()


def oecd_comparison(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(densities, nurses_per_doctor).

    `densities`: doctors and nurses per 1,000 population, every geography, with the data
    year (`year`; empty where the source gave only its publication date).
    `nurses_per_doctor`: computed only where doctors and nurses of the same geography and
    the same data year come from the same source (same URL, or the same publication: the
    part of the source title before any ':'); published ratios are listed alongside.
    """
    dens = select(frame, ["oecd_doctors_per_1000", "oecd_nurses_per_1000"]).copy()
    dens["profession"] = dens["series"].map({"oecd_doctors_per_1000": "doctors", "oecd_nurses_per_1000": "nurses"})
    dens["year"] = np.where(dens["period_kind"] == "year", dens["period"], "")
    dens["publication"] = dens["source_title"].map(_publication)
    out = []
    docs = dens[(dens["profession"] == "doctors") & (dens["year"] != "")]
    nurses = dens[(dens["profession"] == "nurses") & (dens["year"] != "")]
    for d in docs.itertuples(index=False):
        same = nurses[(nurses["geography"] == d.geography) & (nurses["year"] == d.year)
                      & ((nurses["source_url"] == d.source_url) | (nurses["publication"] == d.publication))]
        for n in same.itertuples(index=False):
            out.append({"geography": d.geography, "year": d.year, "doctors_per_1000": d.value,
                        "nurses_per_1000": n.value, "nurses_per_doctor": n.value / d.value,
                        "kind": "computed", "rows": f"{d.row};{n.row}",
                        "source_urls": " ; ".join(dict.fromkeys([d.source_url, n.source_url]))})
    published = select(frame, ["oecd_nurses_per_doctor", "oecd_nurses_per_doctor_derived"])
    for p in published.itertuples(index=False):
        out.append({"geography": p.geography, "year": p.period, "doctors_per_1000": np.nan,
                    "nurses_per_1000": np.nan, "nurses_per_doctor": p.value,
                    "kind": "published" + (f" ({p.qualifier})" if p.qualifier else ""),
                    "rows": str(p.row), "source_urls": p.source_url})
    ratios = pd.DataFrame(out).sort_values(["geography", "year", "kind"]).reset_index(drop=True)
    return dens, ratios


# --------------------------------------------------------------------------- practice CSV

def practice_rows(totals: dict, period: str, source_name: str) -> pd.DataFrame:
    """Curated-format rows from national sums of an official practice-level CSV.

    `totals` maps series id to FTE (from `skillmix.nhs_csv.practice_totals`). The rows have
    vintage `practice_csv` and qualifier `derived`, and point at the official publication.
    """
    start, end, kind = parse_period(period)
    url = ("https://digital.nhs.uk/data-and-information/publications/statistical/"
           "general-and-personal-medical-services")
    rows = []
    for i, (series, value) in enumerate(totals.items()):
        rows.append({"row": -(i + 1), "series": series, "geography": "england", "period": period,
                     "measure": "fte", "value": float(value), "vintage": PRACTICE_CSV_VINTAGE,
                     "qualifier": "derived", "source_title": f"Sum of practice rows in {source_name}",
                     "source_url": url,
                     "note": "practice-level sums exclude fully-estimated records; not the national total",
                     "period_start": start, "period_end": end, "period_kind": kind, "superseded": False})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the general-practice section

# The GP-practice staff groups the chapter shows (series ids of the curated file).
GP_STAFF_SERIES = ("gp_fully_qualified_fte", "gp_permanent_fte", "gp_nurses_fte", "gp_dpc_fte", "gp_admin_fte")
CURATED_SOURCE = "the curated published figures (data/workforce/workforce_published.csv)"


@dataclass(frozen=True, eq=False)
class GPPractice:
    """What the general-practice section shows."""
    rows: pd.DataFrame  # GP-practice rows of the staff-mix figure
    vintage: str  # the vintage whose values the prose quotes
    source: str  # where the rows come from, as a phrase for the prose
    combos: pd.DataFrame  # `ratio_combinations` of the curated file (the table of combinations)
    ratios: pd.DataFrame  # the ratios of the ratio figure


def practice_csv_rows(path) -> tuple[pd.DataFrame, str]:
    """Curated-format rows from an official practice-level CSV, and a phrase naming it."""
    path = Path(path)
    practices = nhs_csv.load_practice_csv(path)
    period = nhs_csv.period_from_name(path)
    rows = practice_rows(nhs_csv.practice_totals(practices), period, path.name)
    source = (f"the practice-level CSV {relative(path)} ({fmt_int(len(practices))} practices, "
              f"reference date {fmt_date(period)}). Practice-level sums exclude fully-estimated records, "
              "so they do not reproduce the published national totals")
    return rows, source


def gp_practice(published: pd.DataFrame, *, period_from, period_to, include_superseded: bool = False,
                practice_csv: str = "") -> GPPractice:
    """The rows and ratios of the general-practice section.

    With `practice_csv` (the chapter's `gp_workforce_csv`: a path relative to the project root
    unless absolute), the rows are the national sums of that official practice-level CSV and
    the figure shows their same-vintage ratios. Otherwise the rows are the curated GP-practice
    series (England, FTE) dated `period_from` to `period_to`, and the figure shows the curated
    combinations of those dates, leaving out superseded same-vintage ratios unless
    `include_superseded`. The table of combinations always covers the whole curated file.
    """
    combos = ratio_combinations(published)
    if practice_csv:
        rows, source = practice_csv_rows(resolve_path(practice_csv))
        ratios = label_ratios(all_gp_ratios(rows, include_superseded=include_superseded),
                              kind="same vintage, same date")
        return GPPractice(rows, PRACTICE_CSV_VINTAGE, source, combos, ratios)
    rows = select(published, list(GP_STAFF_SERIES), geography="england", measure="fte",
                  include_superseded=include_superseded, period_from=period_from, period_to=period_to)
    in_window = (combos["period"] >= str(period_from)) & (combos["period"] <= str(period_to))
    keep = combos["kind"].ne("same vintage, same date") | ~combos["superseded"] | include_superseded
    return GPPractice(rows, "current", CURATED_SOURCE, combos, combos[in_window & keep])


# --------------------------------------------------------------------------- numbers quoted in prose
# The chapter glues these strings into its text; each is computed from the rows above.

NOT_AVAILABLE = "not available in the selected rows"


def fmt_int(value) -> str:
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{float(value):,.0f}"


def fmt_num(value, digits: int = 2) -> str:
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{float(value):,.{digits}f}"


def fmt_pct(value, digits: int = 0) -> str:
    return NOT_AVAILABLE if value is None or pd.isna(value) else f"{100 * float(value):.{digits}f}%"


def fmt_date(value) -> str:
    """'2015-09-30' -> '30 September 2015'; a year or other period form is returned as given."""
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = dt.date.fromisoformat(text)
        return f"{day.day} {day:%B %Y}"
    return text


def coverage_numbers(published: pd.DataFrame, *, period_from, period_to, include_superseded: bool) -> dict:
    """Quoted numbers of the chapter's opening: the curated file's size, and this run's dates
    and vintage rule."""
    rule = ("current-vintage rows, with superseded values shown marked (hollow markers, dashed lines)"
            if include_superseded else "current-vintage rows only; superseded values are left out")
    return {"n_rows": fmt_int(len(published)), "n_urls": fmt_int(published["source_url"].nunique()),
            "period_from": fmt_date(period_from), "period_to": fmt_date(period_to), "vintage_rule": rule}


def _first_last(rows: pd.DataFrame, series: str, vintage="current"):
    part = rows[(rows["series"] == series)]
    if vintage is not None:
        part = part[part["vintage"] == vintage]
    part = part.sort_values(["period_end", "row"])
    if part.empty:
        return None, None
    return part.iloc[0], part.iloc[-1]


def gp_numbers(rows: pd.DataFrame, ratios: pd.DataFrame, combos: pd.DataFrame, vintage: str = "current") -> dict:
    """Quoted numbers of the general-practice section.

    `rows`: the GP-practice rows shown; `ratios`: the same-vintage ratios shown (current or
    practice-CSV vintage); `combos`: `ratio_combinations` of the curated file.
    """
    out = {}
    for key, series in (("fq", "gp_fully_qualified_fte"), ("perm", "gp_permanent_fte")):
        first, last = _first_last(rows, series, vintage)
        out[f"{key}_first"] = fmt_int(first["value"]) if first is not None else NOT_AVAILABLE
        out[f"{key}_first_period"] = fmt_date(first["period"]) if first is not None else NOT_AVAILABLE
        out[f"{key}_last"] = fmt_int(last["value"]) if last is not None else NOT_AVAILABLE
        out[f"{key}_last_period"] = fmt_date(last["period"]) if last is not None else NOT_AVAILABLE
        n = len(rows[(rows["series"] == series) & (rows["vintage"] == vintage)])
        out[f"{key}_n"] = fmt_int(n)
    for key, series in (("nurses", "gp_nurses_fte"), ("dpc", "gp_dpc_fte"), ("admin", "gp_admin_fte")):
        _, last = _first_last(rows, series, vintage)
        out[f"{key}_last"] = fmt_int(last["value"]) if last is not None else NOT_AVAILABLE
        out[f"{key}_last_period"] = fmt_date(last["period"]) if last is not None else NOT_AVAILABLE
        out[f"{key}_n"] = fmt_int(len(rows[(rows["series"] == series) & (rows["vintage"] == vintage)]))
    shown = ratios[ratios["vintage"] == vintage].sort_values("period")
    perm = shown[shown["denominator"] == "permanent"]
    fq = shown[shown["denominator"] == "fully_qualified"]
    out["ratio_n_periods"] = fmt_int(shown["period"].nunique())
    out["ratio_perm_latest"] = fmt_num(perm["ratio"].iloc[-1]) if len(perm) else NOT_AVAILABLE
    out["ratio_perm_period"] = fmt_date(perm["period"].iloc[-1]) if len(perm) else NOT_AVAILABLE
    out["ratio_perm_num"] = fmt_int(perm["numerator_fte"].iloc[-1]) if len(perm) else NOT_AVAILABLE
    out["ratio_perm_den"] = fmt_int(perm["denominator_fte"].iloc[-1]) if len(perm) else NOT_AVAILABLE
    out["ratio_fq_latest"] = fmt_num(fq["ratio"].iloc[-1]) if len(fq) else NOT_AVAILABLE

    same = combos[combos["kind"] == "same vintage, same date"]
    out["combo_n"] = fmt_int(len(combos))
    out["same_n"] = fmt_int(len(same))
    out["same_min"] = fmt_num(same["ratio"].min())
    out["same_max"] = fmt_num(same["ratio"].max())
    sup = same[same["superseded"]]
    out["sup_min"] = fmt_num(sup["ratio"].min()) if len(sup) else NOT_AVAILABLE
    out["sup_max"] = fmt_num(sup["ratio"].max()) if len(sup) else NOT_AVAILABLE
    out["sup_first_period"] = fmt_date(sup["period"].min()) if len(sup) else NOT_AVAILABLE
    out["sup_first_ratio"] = (fmt_num(sup.sort_values(["period", "ratio"])["ratio"].iloc[0])
                              if len(sup) else NOT_AVAILABLE)
    for key, kind in (("pcn", "PCN added from a nearby date"), ("mixed", "mixed vintages"),
                      ("collated", "collated DPC, mixed dates")):
        part = combos[(combos["kind"] == kind) & (combos["denominator"] == "permanent")]
        out[f"{key}_ratio"] = fmt_num(part["ratio"].iloc[0]) if len(part) else NOT_AVAILABLE
        out[f"{key}_ratio_max"] = fmt_num(part["ratio"].max()) if len(part) else NOT_AVAILABLE
        out[f"{key}_ratio_min"] = fmt_num(part["ratio"].min()) if len(part) else NOT_AVAILABLE
        out[f"{key}_gap_days"] = fmt_int(part["period_gap_days"].iloc[0]) if len(part) else NOT_AVAILABLE
        out[f"{key}_num"] = fmt_int(part["numerator_fte"].iloc[0]) if len(part) else NOT_AVAILABLE
        out[f"{key}_den"] = fmt_int(part["denominator_fte"].iloc[0]) if len(part) else NOT_AVAILABLE
        out[f"{key}_periods"] = (", ".join(fmt_date(p) for p in part["numerator_periods"].iloc[0].split(";"))
                                 if len(part) else NOT_AVAILABLE)
        out[f"{key}_den_period"] = fmt_date(part["period"].iloc[0]) if len(part) else NOT_AVAILABLE
    closest = combos.loc[combos["gap_to_study"].abs().idxmin()]
    out["closest_ratio"] = fmt_num(closest["ratio"])
    out["closest_kind"] = closest["kind"]
    out["study_ratio"] = fmt_num(STUDY_RATIO, 1)
    return out


def ratio_table(combos: pd.DataFrame) -> pd.DataFrame:
    """The combinations as a readable table (rows and URLs are in the figure's CSV)."""
    table = combos[["kind", "numerator_label", "denominator_label", "period", "numerator_periods", "vintage",
                    "numerator_fte", "denominator_fte", "ratio", "gap_to_study"]].copy()
    table["numerator_label"] = table["numerator_label"].map(
        {NUMERATORS["nurses_dpc"][0]: "nurses + DPC", NUMERATORS["nurses_dpc_pcn"][0]: "nurses + DPC + PCN DPC",
         "practice nurses + collated primary care DPC (ARRS+NWRS)": "nurses + collated DPC"})
    table["denominator_label"] = table["denominator_label"].map(
        {DENOMINATORS["permanent"][0]: "permanent GPs", DENOMINATORS["fully_qualified"][0]: "fully qualified GPs"})
    table["numerator_fte"] = table["numerator_fte"].round(1)
    table["ratio"] = table["ratio"].round(2)
    table["gap_to_study"] = table["gap_to_study"].round(2)
    table.columns = ["Combination", "Numerator", "Denominator", "Denominator date",
                     "Numerator date(s)", "Vintage", "Numerator FTE", "Denominator FTE", "Ratio",
                     "Ratio minus 2.6"]
    return table


def arrs_numbers(arrs: pd.DataFrame) -> dict:
    out = {"arrs_target": fmt_int(ARRS_TARGET), "arrs_baseline": fmt_date(ARRS_BASELINE)}
    col = arrs[arrs["series"] == "primary_care_dpc_fte_change_vs_2019-03"].sort_values("period_end")
    out["arrs_col_first"] = fmt_int(col["value"].iloc[0]) if len(col) else NOT_AVAILABLE
    out["arrs_col_first_period"] = fmt_date(col["period"].iloc[0]) if len(col) else NOT_AVAILABLE
    out["arrs_col_first_share"] = fmt_pct(col["share_of_target"].iloc[0]) if len(col) else NOT_AVAILABLE
    out["arrs_col_last"] = fmt_int(col["value"].iloc[-1]) if len(col) else NOT_AVAILABLE
    out["arrs_col_last_period"] = fmt_date(col["period"].iloc[-1]) if len(col) else NOT_AVAILABLE
    out["arrs_col_last_share"] = fmt_pct(col["share_of_target"].iloc[-1]) if len(col) else NOT_AVAILABLE
    nwrs = arrs[(arrs["series"] == "arrs_fte_nwrs") & (arrs["qualifier"] == "")].sort_values("period_end")
    out["arrs_nwrs_last"] = fmt_int(nwrs["value"].iloc[-1]) if len(nwrs) else NOT_AVAILABLE
    out["arrs_nwrs_last_period"] = fmt_date(nwrs["period"].iloc[-1]) if len(nwrs) else NOT_AVAILABLE
    nwrs23 = arrs[arrs["series"] == "arrs_dpc_fte_nwrs"]
    out["arrs_nwrs23"] = fmt_int(nwrs23["value"].iloc[0]) if len(nwrs23) else NOT_AVAILABLE
    out["arrs_nwrs23_period"] = fmt_date(nwrs23["period"].iloc[0]) if len(nwrs23) else NOT_AVAILABLE
    conflict = arrs[arrs["series"] == "primary_care_staff_change_vs_2019-03"]
    out["arrs_conflict"] = fmt_int(conflict["value"].iloc[0]) if len(conflict) else NOT_AVAILABLE
    roles = arrs[arrs["series"] == "arrs_roles_claims_nwrs"].sort_values("period_end")
    out["arrs_roles_last"] = fmt_int(roles["value"].iloc[-1]) if len(roles) else NOT_AVAILABLE
    out["arrs_roles_last_period"] = fmt_date(roles["period"].iloc[-1]) if len(roles) else NOT_AVAILABLE
    out["arrs_n_rows"] = fmt_int(len(arrs))
    return out


def roles_numbers(summary: pd.DataFrame) -> dict:
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
        out[f"{key}_growth_obs"] = fmt_pct(rec["observed_annual_growth"], 1)
        out[f"{key}_growth_req"] = fmt_pct(rec["required_annual_growth"], 1)
    return out


def hchs_numbers(totals: pd.DataFrame, mix: pd.DataFrame, frame: pd.DataFrame) -> dict:
    out = {}
    total = totals[(totals["series"] == "hchs_total_fte") & (totals["qualifier"] == "")].sort_values("period_end")
    share = totals[totals["series"] == "hchs_infrastructure_support_share"].sort_values("period_end")
    if len(total) >= 2:
        out.update(hchs_first=fmt_int(total["value"].iloc[0]), hchs_first_period=fmt_date(total["period"].iloc[0]),
                   hchs_last=fmt_int(total["value"].iloc[-1]), hchs_last_period=fmt_date(total["period"].iloc[-1]),
                   hchs_growth=fmt_pct(total["value"].iloc[-1] / total["value"].iloc[0] - 1, 1))
    else:
        out.update({k: NOT_AVAILABLE for k in ("hchs_first", "hchs_first_period", "hchs_last",
                                               "hchs_last_period", "hchs_growth")})
    out["infra_first"] = f"{share['value'].iloc[0]:.1f}%" if len(share) else NOT_AVAILABLE
    out["infra_last"] = f"{share['value'].iloc[-1]:.1f}%" if len(share) else NOT_AVAILABLE
    for group, key in (("nurses and health visitors", "mix_nurses"), ("support to clinical staff", "mix_support"),
                       ("infrastructure support", "mix_infra"), ("consultants", "mix_consultants"),
                       ("doctors in training", "mix_trainees"), ("midwives", "mix_midwives")):
        part = mix[(mix["staff_group"] == group) & (mix["period"] == "2017-09-30")]
        out[key] = fmt_pct(part["share"].iloc[0]) if len(part) else NOT_AVAILABLE
    npd = select(frame, "hchs_nurses_per_doctor").sort_values("period_end")
    out["hf_npd_first"] = fmt_num(npd["value"].iloc[0], 1) if len(npd) else NOT_AVAILABLE
    out["hf_npd_first_period"] = npd["period"].iloc[0] if len(npd) else NOT_AVAILABLE
    out["hf_npd_last"] = fmt_num(npd["value"].iloc[-1], 1) if len(npd) else NOT_AVAILABLE
    out["hf_npd_last_period"] = npd["period"].iloc[-1] if len(npd) else NOT_AVAILABLE
    return out


def oecd_numbers(dens: pd.DataFrame, ratios: pd.DataFrame) -> dict:
    out = {}

    def value(series_prof, geo, year):
        part = dens[(dens["profession"] == series_prof) & (dens["geography"] == geo) & (dens["year"] == year)]
        return part["value"].iloc[0] if len(part) else None

    for prof in ("doctors", "nurses"):
        out[f"uk_{prof}_2017"] = fmt_num(value(prof, "uk", "2017"), 1)
        out[f"oecd_{prof}_2017"] = fmt_num(value(prof, "oecd_average", "2017"), 1)
        out[f"oecd_{prof}_2021"] = fmt_num(value(prof, "oecd_average", "2021"), 1)
    comp = ratios[ratios["kind"] == "computed"]

    def ratio(geo, year, kind="computed"):
        part = ratios[(ratios["geography"] == geo) & (ratios["year"] == year) & ratios["kind"].str.startswith(kind)]
        return part["nurses_per_doctor"].iloc[0] if len(part) else None

    out["uk_npd_2017"] = fmt_num(ratio("uk", "2017"))
    out["oecd_npd_2017"] = fmt_num(ratio("oecd_average", "2017"))
    out["oecd_npd_2017_pub"] = fmt_num(ratio("oecd_average", "2017", "published"), 1)
    out["oecd_npd_2021"] = fmt_num(ratio("oecd_average", "2021"))
    out["n_npd_computed"] = fmt_int(len(comp))
    uk_nurses = dens[(dens["profession"] == "nurses") & (dens["geography"] == "uk") & (dens["year"] != "")]
    uk_nurses = uk_nurses.sort_values("period_end")
    out["uk_nurses_latest"] = fmt_num(uk_nurses["value"].iloc[-1]) if len(uk_nurses) else NOT_AVAILABLE
    out["uk_nurses_latest_year"] = uk_nurses["year"].iloc[-1] if len(uk_nurses) else NOT_AVAILABLE
    return out


def rows_used(published: pd.DataFrame, frames=(), references=()) -> pd.DataFrame:
    """The curated rows behind a chapter: every `row` of `frames`, and every row number cited
    in `references` (texts such as 'gp_dpc_fte=14993 (row 116)' or '437;438')."""
    used = set()
    for frame in frames:
        used |= {int(r) for r in frame["row"] if int(r) > 0}
    for text in references:
        used |= {int(n) for n in re.findall(r"(?:row |^|;)(\d+)", str(text))}
    return provenance(published[published["row"].isin(used)].sort_values("row"))
