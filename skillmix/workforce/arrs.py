"""ARRS recruitment against its targets, keeping the measures apart.

The GP contract framework of January 2019 planned funding for "up to an estimated 20,000"
additional staff by 2023/24; the update to the GP contract agreement published in February
2020 raised this to 26,000, the target progress is measured against (`ARRS_TARGETS`; the
curated rows and their notes give the sources).

Collated figures (Primary Care Workforce Quarterly Update: NWRS data with ARRS claims) and
NWRS-only counts are different measures: they are labelled by family and never differenced
against each other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.errors import InputError
from ..core.paths import relative
from .published import PUBLISHED, select

# Which measure each ARRS-related series is.
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
# The ARRS targets of additional staff by 2023/24 (rows of series arrs_target_additional_staff),
# by value: what set each, as the figure labels it. Progress is measured against ARRS_TARGET.
ARRS_TARGET_2019 = 20000
ARRS_TARGET = 26000
ARRS_TARGETS = {
    ARRS_TARGET_2019: "2019 contract",
    ARRS_TARGET: "February 2020 update",
}
ARRS_BASELINE = "2019-03-31"


def arrs_progress(frame: pd.DataFrame, period_from=None, period_to=None) -> pd.DataFrame:
    """ARRS-era recruitment figures, each labelled with its measure family.

    `share_of_target` is computed only for rows that measure additional staff against the
    March 2019 baseline (changes since 2019-03 and the collated ARRS totals), divided by the
    26,000 target of the February 2020 update. Levels from NWRS-only counts are shown as
    published, never subtracted from a collated figure or the other way round. Target rows
    carry `target_set_by` (`ARRS_TARGETS`); each of those targets must have a row, and the
    target rows are kept whatever `period_from` and `period_to`.
    """
    # The targets are reference lines: kept whatever the window of reference dates.
    in_window = select(frame, list(ARRS_FAMILIES), geography="england", period_from=period_from, period_to=period_to)
    target_rows = select(frame, "arrs_target_additional_staff", geography="england")
    rows = pd.concat([in_window, target_rows]).drop_duplicates("row")
    rows = rows.sort_values(["series", "period_end", "row"]).reset_index(drop=True)
    rows["family"] = rows["series"].map(ARRS_FAMILIES)
    targets = rows["series"] == "arrs_target_additional_staff"
    for value in ARRS_TARGETS:
        if not (targets & (rows["value"] == value)).any():
            raise InputError(
                f"the ARRS target row of {value:,} is missing",
                file=relative(PUBLISHED),
                column="series",
                value="arrs_target_additional_staff",
            )
    rows["target_set_by"] = np.where(targets, rows["value"].map(ARRS_TARGETS), None)
    against = rows["series"].str.endswith("_vs_2019-03") | rows["series"].isin(
        ["arrs_collated_fte", "arrs_era_additional_staff", "arrs_roles_claims_nwrs"]
    )
    against &= rows["family"] != "target"
    rows["share_of_target"] = np.where(against, rows["value"] / ARRS_TARGET, np.nan)
    rows["unit"] = rows["measure"].map(
        {
            "fte": "FTE",
            "fte_change": "FTE added",
            "count": "roles or people",
            "headcount_change": "people added",
            "target": "target",
        }
    )
    return rows


def arrs_change(frame: pd.DataFrame, first_row: int, second_row: int) -> float:
    """The difference between two ARRS figures (by `row`, their lines in the curated file),
    refused unless they are the same measure.

    Both rows must have the same series, measure and family; a collated ARRS+NWRS figure is
    never differenced against an NWRS-only count.
    """
    rows = frame.set_index("row")
    a, b = rows.loc[first_row], rows.loc[second_row]
    fam_a, fam_b = ARRS_FAMILIES.get(a["series"]), ARRS_FAMILIES.get(b["series"])
    if fam_a is None or fam_b is None:
        raise InputError(
            "not an ARRS series",
            line=first_row if fam_a is None else second_row,
            column="series",
            value=a["series"] if fam_a is None else b["series"],
            allowed=list(ARRS_FAMILIES),
        )
    if (fam_a, a["series"], a["measure"]) != (fam_b, b["series"], b["measure"]):
        raise InputError(
            f"refusing to difference different measures ({fam_a}: {a['series']} vs {fam_b}: {b['series']})",
            line=second_row,
            column="series",
            value=b["series"],
            allowed=[a["series"]],
        )
    return float(b["value"] - a["value"])
