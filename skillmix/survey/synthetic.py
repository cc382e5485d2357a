"""Synthetic survey responses: a documented, seeded ordinal latent-variable model.

The study's respondent-level data are not public, so the book's default responses are
made up by this module. They have the shape of the real survey (code book, routing,
don't-know, item non-response, break-off, two waves, free text) but **say nothing about
what anybody thinks**. Every effect below is an arbitrary illustrative number chosen so
that the methods have something to show (differences by profession, setting and wave, and
a sample whose mix differs from the population margins, so that weighting matters).

**Role-neutral by design.** The model has no role term: the statements about ACPs and the
same statements about PAs are generated from the same distributions, with the same
parameters (`role_parameters(role)` is the same for every role, and a test checks it and
that a large generated sample shows no difference between the roles beyond sampling
noise). Any difference between the two roles in the synthetic data, in either direction,
comes only from the seeded random draws (v_ir and e_ijr below, and the routing draws), so
the synthetic results take no side on how the two roles compare.

Model, for respondent i, item j, role r (acp or pa), wave t:

    latent  y*_ijr = a[j] + b[profession_i] + c[setting_i] + d[j] * 1(t = earlier)
                     + u_i + v_ir + e_ijr,
    u_i ~ N(0, 0.7^2)  (general disposition),  v_ir ~ N(0, 0.4^2)  (view of role r),
    e_ijr ~ standard logistic,
    response = 1 + number of cut-points (-1.6, -0.5, 0.5, 1.9) below y*   (1..5).

a = ITEM_EFFECT, b and c = the `effect` of PROFESSION_TERMS and SETTING_TERMS, d =
EARLIER_SHIFT: none of them depends on r.

Then, in this order: routing (items about role r are asked only if works_with_r = yes, drawn
for each role independently with probability expit(route[profession] + route[setting]), the
same for both roles); items not in the wave's questionnaire are blank; don't know (code 9)
with probability expit(-3.2 + k[profession] + m[j]); item non-response with probability
0.03; break-off of 4% of respondents at a uniformly chosen statement (the answers about both
roles to that statement and to all later ones blank, and the free-text answers too).

Free text comes from the phrase bank `phrases.PHRASES` (one or two phrases of randomly
chosen themes), and a small share of answers get a sentence containing an e-mail address, a
phone number, a person's name or an HTML snippet, so that redaction and escaping are
exercised. The addresses use the reserved example.org / example.nhs.uk style domains and
the telephone numbers are in Ofcom's drama range (07700 900xxx): they reach nobody.

`python -m skillmix.survey.synthetic` rewrites data/survey/synthetic_responses.csv byte for
byte (given the pinned numpy and pandas); `--check` compares instead of writing.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..core.paths import DATA, relative
from . import codebook as cb
from . import phrases

SEED = 20250115
N_CURRENT = 2000
N_EARLIER = 1000
DEFAULT_PATH = DATA / "survey" / "synthetic_responses.csv"

PROFESSIONS = ("doctor", "nurse", "acp", "physician_associate", "ahp", "pharmacist", "manager_non_clinical", "other")
SETTINGS = ("acute", "primary_care", "community", "mental_health", "ambulance", "other")
REGIONS = (
    "east_of_england",
    "london",
    "midlands",
    "north_east_and_yorkshire",
    "north_west",
    "south_east",
    "south_west",
)
YEARS = ("lt_1", "1_to_2", "3_to_5", "6_to_10", "over_10")

# Sample composition (deliberately unlike the illustrative population margins).
SAMPLE_PROFESSION = {
    "current": (0.15, 0.30, 0.14, 0.06, 0.12, 0.06, 0.10, 0.07),
    "earlier": (0.17, 0.32, 0.12, 0.04, 0.12, 0.06, 0.10, 0.07),
}
# Setting given profession (rows follow PROFESSIONS, columns SETTINGS).
SETTING_GIVEN_PROFESSION = (
    (0.55, 0.25, 0.06, 0.08, 0.01, 0.05),
    (0.45, 0.15, 0.22, 0.12, 0.02, 0.04),
    (0.50, 0.22, 0.12, 0.04, 0.10, 0.02),
    (0.55, 0.38, 0.03, 0.02, 0.00, 0.02),
    (0.45, 0.15, 0.25, 0.08, 0.03, 0.04),
    (0.40, 0.45, 0.08, 0.04, 0.00, 0.03),
    (0.45, 0.20, 0.15, 0.10, 0.05, 0.05),
    (0.35, 0.25, 0.15, 0.10, 0.05, 0.10),
)
REGION_P = (0.11, 0.16, 0.19, 0.15, 0.13, 0.15, 0.11)
YEARS_P = (0.12, 0.22, 0.28, 0.20, 0.18)
YEARS_P_NEW_ROLE = (0.22, 0.34, 0.30, 0.11, 0.03)  # ACPs and PAs are newer roles

# Latent-scale effects: illustrative numbers, not estimates of anything. None of them
# depends on the role: each applies alike to the items about ACPs and about PAs.
ITEM_EFFECT = {
    "role_clarity": 0.05,
    "onboarding": 0.1,
    "supervision_capacity": -0.55,
    "regulation_assurance": -0.3,
    "funding_sustainability": -0.7,
    "education_preparation": 0.2,
    "colleague_understanding": -0.1,
    "patient_understanding": -0.55,
    "team_workload": 0.15,
    "career_progression": -0.35,
    "staff_wellbeing": 0.0,
}
EARLIER_SHIFT = {  # added in the earlier wave (items asked in both waves)
    "role_clarity": -0.1,
    "supervision_capacity": 0.25,
    "regulation_assurance": 0.15,
    "colleague_understanding": -0.1,
    "patient_understanding": -0.15,
    "team_workload": 0.2,
}


class Terms(NamedTuple):
    """What a profession or a setting adds to the model, alike for the items about each role:
    to the logit of working with a role (routing), and to the latent scale."""

    route: float
    effect: float


PROFESSION_TERMS = {
    "doctor": Terms(route=0.8, effect=-0.1),
    "nurse": Terms(route=0.3, effect=0.0),
    "acp": Terms(route=1.8, effect=0.4),
    "physician_associate": Terms(route=1.8, effect=0.4),
    "ahp": Terms(route=0.0, effect=0.05),
    "pharmacist": Terms(route=0.1, effect=0.0),
    "manager_non_clinical": Terms(route=0.1, effect=0.2),
    "other": Terms(route=-0.6, effect=0.0),
}
SETTING_TERMS = {
    "acute": Terms(route=0.3, effect=0.0),
    "primary_care": Terms(route=0.35, effect=0.1),
    "community": Terms(route=-0.3, effect=-0.05),
    "mental_health": Terms(route=-0.75, effect=-0.15),
    "ambulance": Terms(route=-0.6, effect=-0.05),
    "other": Terms(route=-0.45, effect=0.0),
}
CUTPOINTS = (-1.6, -0.5, 0.5, 1.9)
SD_PERSON, SD_PERSON_ROLE = 0.7, 0.4
DK_BASE = -3.2
DK_PROFESSION = {"manager_non_clinical": 1.3, "other": 0.6, "pharmacist": 0.3, "ahp": 0.2}
DK_ITEM = {
    "regulation_assurance": 0.9,
    "funding_sustainability": 1.0,
    "education_preparation": 0.5,
    "career_progression": 0.5,
}
P_ITEM_MISSING = 0.03
P_BREAKOFF = 0.04
P_HELPED, P_HINDERED = 0.40, 0.45  # shares answering each free-text question


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def role_parameters(role: str) -> dict:
    """Every parameter the model uses for the items about `role` (acp or pa). The role is not
    an argument of any of them, so this is the same for every role: the generator is
    role-neutral by design, and `_wave` draws each role's answers from what this returns."""
    if role not in cb.ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(cb.ROLES)}")
    return {
        "item_effect": dict(ITEM_EFFECT),
        "earlier_shift": dict(EARLIER_SHIFT),
        "profession_terms": dict(PROFESSION_TERMS),
        "setting_terms": dict(SETTING_TERMS),
        "sd_person_role": SD_PERSON_ROLE,
        "cutpoints": CUTPOINTS,
        "dk_base": DK_BASE,
        "dk_profession": dict(DK_PROFESSION),
        "dk_item": dict(DK_ITEM),
        "p_item_missing": P_ITEM_MISSING,
    }


def _terms(table: dict, codes, part: str) -> np.ndarray:
    """One part ("route" or "effect") of `table`'s terms, in the order of `codes`."""
    return np.array([getattr(table[code], part) for code in codes])


def _categorical(rng, probs, size):
    """Draw category indices with the given probabilities (rows of a matrix or one vector)."""
    probs = np.asarray(probs, dtype=float)
    u = rng.random(size)
    if probs.ndim == 1:
        return np.searchsorted(np.cumsum(probs / probs.sum()), u, side="right").clip(0, len(probs) - 1)
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    return (u[:, None] >= cum).sum(axis=1).clip(0, probs.shape[1] - 1)


def _wave(rng, wave: str, n: int, book: cb.Codebook) -> pd.DataFrame:
    width = max(5, len(str(n)))
    prof = _categorical(rng, SAMPLE_PROFESSION[wave], n)
    sett = _categorical(rng, np.asarray(SETTING_GIVEN_PROFESSION)[prof], n)
    region = _categorical(rng, REGION_P, n)
    new_role = np.isin(prof, [PROFESSIONS.index("acp"), PROFESSIONS.index("physician_associate")])
    years = np.where(new_role, _categorical(rng, YEARS_P_NEW_ROLE, n), _categorical(rng, YEARS_P, n))
    prof_arr, sett_arr = np.array(PROFESSIONS), np.array(SETTINGS)
    out = {
        "respondent_id": [f"{cb.ID_PREFIX}-{wave[0].upper()}-{k + 1:0{width}d}" for k in range(n)],
        "wave": np.full(n, wave),
        "profession": prof_arr[prof],
        "setting": sett_arr[sett],
        "region": np.array(REGIONS)[region],
        "years_in_role": np.array(YEARS)[years],
    }
    params = {role: role_parameters(role) for role in cb.ROLES}
    works = {}
    for role in cb.ROLES:
        p = params[role]
        logit = (
            _terms(p["profession_terms"], PROFESSIONS, "route")[prof]
            + _terms(p["setting_terms"], SETTINGS, "route")[sett]
        )
        works[role] = rng.random(n) < _expit(logit)
        out[f"works_with_{role}"] = np.where(works[role], "yes", "no")

    u = rng.normal(0.0, SD_PERSON, n)
    v = np.column_stack([rng.normal(0.0, params[role]["sd_person_role"], n) for role in cb.ROLES])
    breaks = rng.random(n) < P_BREAKOFF
    break_at = np.where(breaks, rng.integers(0, len(book.items), n), len(book.items))  # a statement
    for j, item in enumerate(book.items):
        for r, role in enumerate(cb.ROLES):
            p = params[role]
            eta = (
                p["item_effect"][item.id]
                + _terms(p["profession_terms"], PROFESSIONS, "effect")[prof]
                + _terms(p["setting_terms"], SETTINGS, "effect")[sett]
                + (p["earlier_shift"].get(item.id, 0.0) if wave == "earlier" else 0.0)
                + u
                + v[:, r]
            )
            latent = eta + rng.logistic(0.0, 1.0, n)
            resp = 1 + (latent[:, None] > np.asarray(p["cutpoints"])[None, :]).sum(axis=1)
            resp = resp.astype(float)
            dk_prof = np.array([p["dk_profession"].get(code, 0.0) for code in PROFESSIONS])[prof]
            dk = rng.random(n) < _expit(p["dk_base"] + dk_prof + p["dk_item"].get(item.id, 0.0))
            resp[dk] = book.dont_know
            resp[rng.random(n) < p["p_item_missing"]] = np.nan
            resp[~works[role]] = np.nan
            resp[break_at <= j] = np.nan
            if wave not in item.waves:
                resp[:] = np.nan
            out[item.column(role)] = pd.array(resp, dtype="Int64")
    for k, name in enumerate(book.freetext):
        text = phrases.free_text(rng, n, (P_HELPED, P_HINDERED)[k], k)
        text = np.where(breaks, None, text)
        out[name] = text
    frame = pd.DataFrame(out)
    return frame[book.columns]


def generate(
    seed: int = SEED, n_current: int = N_CURRENT, n_earlier: int = N_EARLIER, book: cb.Codebook | None = None
) -> pd.DataFrame:
    """The synthetic responses: current wave first, then the earlier wave."""
    book = book or cb.load()
    rng = np.random.default_rng(seed)
    parts = [_wave(rng, "current", n_current, book), _wave(rng, "earlier", n_earlier, book)]
    return pd.concat(parts, ignore_index=True)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV bytes written for a frame (UTF-8, LF line ends, blanks for missing)."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(
    path: Path | str = DEFAULT_PATH, seed: int = SEED, n_current: int = N_CURRENT, n_earlier: int = N_EARLIER
) -> str:
    """Generate and write the CSV; return its sha256."""
    data = to_csv_bytes(generate(seed, n_current, n_earlier))
    Path(path).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmix.survey.synthetic", description="Regenerate the synthetic survey responses."
    )
    parser.add_argument("--out", default=str(DEFAULT_PATH), help="output CSV (default: the committed file)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n-current", type=int, default=N_CURRENT)
    parser.add_argument("--n-earlier", type=int, default=N_EARLIER)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the output file differs from what would be generated",
    )
    args = parser.parse_args(argv)
    if args.check:
        data = to_csv_bytes(generate(args.seed, args.n_current, args.n_earlier))
        same = Path(args.out).is_file() and Path(args.out).read_bytes() == data
        print("identical" if same else "DIFFERS", hashlib.sha256(data).hexdigest())
        return 0 if same else 1
    digest = write(args.out, args.seed, args.n_current, args.n_earlier)
    print(f"wrote {relative(args.out)} sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
