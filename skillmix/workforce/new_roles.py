"""Nursing associates, physician assistants and physician assistants in anaesthesia against the
ambitions of the Long Term Workforce Plan (June 2023).

Roles are named as NHS England asked employers to name them from July 2025 ("physician
assistant", "physician assistant in anaesthesia"), with the former name beside them; series
ids and source titles keep the sources' own wording (physician associate, anaesthesia
associate). The ambitions are the 2023 plan's, from which the 10 Year Health Plan (July 2025)
departed (see data/workforce/README.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.errors import InputError
from ..core.paths import relative
from .published import PUBLISHED, select

NEW_ROLES = {
    "nursing associates": {
        "formerly": "",
        "observed": ("nursing_associates_nmc_register",),
        "growth": "nursing_associates_nmc_register",
        "target": "ltwp_target_nursing_associates",
    },
    "physician assistants": {
        "formerly": "physician associates",
        "observed": ("pa_practising", "pa_register", "pa_count"),
        "growth": "pa_register",
        "target": "ltwp_target_pa_workforce",
    },
    "physician assistants in anaesthesia": {
        "formerly": "anaesthesia associates",
        "observed": ("aa_qualified", "aa_count", "aa_register"),
        "growth": "aa_register",
        "target": "ltwp_target_aa_supply",
    },
}


def _summary(role: str, first, last, goal) -> dict:
    """First and latest observed values of a role against its ambition, with growth rates."""
    years = (last["period_end"] - first["period_end"]).days / 365.25
    years_left = (goal["period_end"] - last["period_end"]).days / 365.25
    return {
        "role": role,
        "formerly": NEW_ROLES[role]["formerly"],
        "first_series": first["series"],
        "first_period": first["period"],
        "first_value": first["value"],
        "first_qualifier": first["qualifier"],
        "first_note": first["note"],
        "first_row": int(first["row"]),
        "latest_series": last["series"],
        "latest_period": last["period"],
        "latest_value": last["value"],
        "latest_qualifier": last["qualifier"],
        "latest_note": last["note"],
        "latest_row": int(last["row"]),
        "observed_annual_growth": (last["value"] / first["value"]) ** (1 / years) - 1 if years > 0 else np.nan,
        "ambition": goal["value"],
        "ambition_period": goal["period"],
        "ambition_qualifier": goal["qualifier"],
        "ambition_note": goal["note"],
        "ambition_row": int(goal["row"]),
        "ambition_geography": goal["geography"],
        "observed_geography": last["geography"],
        "share_of_ambition": last["value"] / goal["value"],
        "required_annual_growth": (goal["value"] / last["value"]) ** (1 / years_left) - 1,
        "source_urls": " ; ".join(dict.fromkeys([first["source_url"], last["source_url"], goal["source_url"]])),
    }


def new_roles_progress(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observed counts of three new roles and their Long Term Workforce Plan (2023) ambitions.

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
            raise InputError(
                "Long Term Workforce Plan ambition missing",
                file=relative(PUBLISHED),
                column="series",
                value=spec["target"],
            )
        tgt["role"], tgt["kind"] = role, "ambition"
        pieces += [obs, tgt]
        # Growth uses one register series per role, never a mix of measures.
        reg = obs[obs["series"] == spec["growth"]].sort_values(["period_end", "row"])
        summary.append(_summary(role, reg.iloc[0], reg.iloc[-1], tgt.iloc[-1]))
    points = pd.concat(pieces, ignore_index=True)
    return points, pd.DataFrame(summary)
