"""Hospital and community health services (HCHS): total FTE and the mix of staff groups."""

from __future__ import annotations

import pandas as pd

from .published import select

HCHS_GROUPS = {
    "hchs_consultants_fte": "consultants",
    "hchs_doctors_in_training_fte": "doctors in training",
    "hchs_nurses_hv_fte": "nurses and health visitors",
    "hchs_nurses_fte": "nurses (as worded by the source)",
    "hchs_midwives_fte": "midwives",
    "hchs_stt_fte": "scientific, therapeutic and technical staff",
    "hchs_ambulance_staff": "ambulance staff (unit not stated)",
    "hchs_support_to_ambulance_staff": "support to ambulance staff (unit not stated)",
    "hchs_support_to_clinical_fte": "support to clinical staff",
    "hchs_trusts_ccgs_infrastructure_support_fte": "infrastructure support",
}


def hchs_totals(frame: pd.DataFrame, period_from=None, period_to=None) -> pd.DataFrame:
    """HCHS total FTE (trusts and core organisations, August) and the infrastructure-support share."""
    return select(
        frame,
        ["hchs_total_fte", "hchs_infrastructure_support_fte", "hchs_infrastructure_support_share"],
        geography="england",
        period_from=period_from,
        period_to=period_to,
    )


def hchs_staff_mix(frame: pd.DataFrame) -> pd.DataFrame:
    """Staff groups as a share of the trusts-and-CCGs total of the same date and source.

    Only dates where the group and the total were published together are used (September
    2016 and 2017, rounded press figures). Groups not listed (other doctors ...) are the
    remainder.
    """
    groups = select(frame, list(HCHS_GROUPS), geography="england")
    totals = select(frame, "hchs_trusts_ccgs_total_fte", geography="england")
    out = []
    for rec in groups.itertuples(index=False):
        match = totals[(totals["period_end"] == rec.period_end) & (totals["source_url"] == rec.source_url)]
        if match.empty:
            continue
        total = match.iloc[0]
        out.append(
            {
                "period": rec.period,
                "staff_group": HCHS_GROUPS[rec.series],
                "series": rec.series,
                "fte": rec.value,
                "total_fte": total["value"],
                "share": rec.value / total["value"],
                "qualifier": rec.qualifier or "",
                "row": rec.row,
                "total_row": int(total["row"]),
                "source_url": rec.source_url,
            }
        )
    return pd.DataFrame(out)
