"""Synthetic survey responses: a documented, seeded ordinal latent-variable model.

The study's respondent-level data are not public, so the book's default responses are
made up by this module. They have the shape of the real survey (code book, routing,
don't-know, item non-response, break-off, two waves, free text) but **say nothing about
what anybody thinks**. Every effect below is an arbitrary illustrative number chosen so
that the methods have something to show (differences by profession, role and wave, and a
sample whose mix differs from the population margins, so that weighting matters).

Model, for respondent i, item j, role r (acp or pa), wave t:

    latent  y*_ijr = a[j, r] + b[profession_i, r] + c[setting_i, r] + d[j, r] * 1(t = earlier)
                     + u_i + v_ir + e_ijr,
    u_i ~ N(0, 0.7^2)  (general disposition),  v_ir ~ N(0, 0.4^2)  (view of role r),
    e_ijr ~ standard logistic,
    response = 1 + number of cut-points (-1.6, -0.5, 0.5, 1.9) below y*   (1..5).

Then, in this order: routing (items about role r are asked only if works_with_r = yes);
items not in the wave's questionnaire are blank; don't know (code 9) with probability
expit(-3.2 + k[profession] + m[j]); item non-response with probability 0.03; break-off of
4% of respondents at a uniformly chosen item (that item and all later ones blank, and the
free-text answers too).

Free text comes from the phrase bank `PHRASES` (one or two phrases of randomly chosen
themes), and a small share of answers get a sentence containing an e-mail address, a
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

# Latent-scale effects (acp, pa): illustrative numbers, not estimates of anything.
ITEM_EFFECT = {
    "role_clarity": (0.4, -0.3),
    "onboarding": (0.2, 0.0),
    "supervision_capacity": (-0.5, -0.6),
    "regulation_assurance": (0.1, -0.7),
    "funding_sustainability": (-0.7, -0.7),
    "education_preparation": (0.4, 0.0),
    "colleague_understanding": (0.2, -0.4),
    "patient_understanding": (-0.3, -0.8),
    "team_workload": (0.3, 0.0),
    "career_progression": (-0.2, -0.5),
    "staff_wellbeing": (0.1, -0.1),
}
EARLIER_SHIFT = {  # added in the earlier wave (items asked in both waves)
    "role_clarity": (-0.3, 0.1),
    "supervision_capacity": (0.2, 0.3),
    "regulation_assurance": (0.0, 0.3),
    "colleague_understanding": (-0.2, 0.0),
    "patient_understanding": (-0.2, -0.1),
    "team_workload": (0.1, 0.3),
}


class Terms(NamedTuple):
    """What a profession or a setting adds to the model for the items about each role, as
    (acp, pa): to the logit of working with the role (routing), and to the latent scale."""

    route: tuple[float, float]
    effect: tuple[float, float]


PROFESSION_TERMS = {
    "doctor": Terms(route=(1.0, 0.6), effect=(0.0, -0.2)),
    "nurse": Terms(route=(0.7, -0.1), effect=(0.1, -0.1)),
    "acp": Terms(route=(3.0, 0.4), effect=(0.7, 0.0)),
    "physician_associate": Terms(route=(1.0, 3.0), effect=(0.0, 0.8)),
    "ahp": Terms(route=(0.3, -0.4), effect=(0.1, 0.0)),
    "pharmacist": Terms(route=(0.2, 0.0), effect=(0.0, 0.0)),
    "manager_non_clinical": Terms(route=(0.2, 0.0), effect=(0.2, 0.2)),
    "other": Terms(route=(-0.4, -0.8), effect=(0.0, 0.0)),
}
SETTING_TERMS = {
    "acute": Terms(route=(0.2, 0.4), effect=(0.0, 0.0)),
    "primary_care": Terms(route=(0.2, 0.5), effect=(0.1, 0.1)),
    "community": Terms(route=(0.0, -0.6), effect=(0.0, -0.1)),
    "mental_health": Terms(route=(-0.6, -0.9), effect=(-0.1, -0.2)),
    "ambulance": Terms(route=(0.3, -1.5), effect=(0.1, -0.2)),
    "other": Terms(route=(-0.3, -0.6), effect=(0.0, 0.0)),
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
P_HELPED, P_HINDERED, P_TWO_PHRASES = 0.40, 0.45, 0.30
P_EACH_SENSITIVE = 0.006  # for each of the four kinds of sensitive sentence, per answer

# Phrase bank: theme -> (phrases for "helped", phrases for "hindered").
PHRASES = {
    "role_design": (
        [
            "A clear job description agreed before the post was advertised.",
            "Defining the scope of practice with the whole team at the start.",
        ],
        ["Nobody was clear what the scope of the role was.", "The role was created without a job plan."],
    ),
    "onboarding": (
        ["A structured induction with protected time.", "A preceptorship period for new starters."],
        [
            "There was no induction, they were left to find their own way.",
            "New starters arrived before anyone had planned their onboarding.",
        ],
    ),
    "supervision": (
        ["A named clinical supervisor with time in the job plan.", "Regular supervision sessions with a consultant."],
        ["Consultants have no time for supervision.", "Supervision falls on the same few senior colleagues."],
    ),
    "regulation": (
        ["Statutory regulation gave colleagues confidence.", "Registration with a regulator made governance easier."],
        [
            "Uncertainty about regulation and what they can prescribe.",
            "Prescribing rights were unclear until regulation arrived.",
        ],
    ),
    "funding": (
        ["Ring-fenced funding for the posts.", "Reimbursement through the additional roles scheme."],
        ["Funding is short term so posts feel insecure.", "The budget did not cover the training costs."],
    ),
    "education_training": (
        ["A good master's programme with clinical placements.", "Employer-funded training and study leave."],
        ["Training places are hard to get.", "The course did not match the work in our service."],
    ),
    "team_integration": (
        ["Being part of the team meeting from the first week.", "Colleagues took time to understand the new role."],
        [
            "Some colleagues do not accept them as part of the team.",
            "Tension with doctors in training over learning opportunities.",
        ],
    ),
    "patient_acceptance": (
        ["Patients like the longer appointments.", "Clear name badges so patients know who they are seeing."],
        ["Patients are confused about who they are seeing.", "Patients ask to see a doctor instead."],
    ),
    "workload_impact": (
        ["They take on a real share of the workload.", "Fewer patients waiting since they joined the rota."],
        [
            "Supervising them adds to the workload of senior staff.",
            "The time spent checking their work outweighs the capacity gained.",
        ],
    ),
    "career_progression": (
        ["A clear career pathway with a consultant-level route.", "Opportunities to progress to a senior band."],
        ["There is no career progression beyond the first post.", "No recognised route to progress."],
    ),
    "wellbeing": (
        ["The team feels less stretched and morale is better.", "Staff wellbeing improved with the extra support."],
        ["Stress and burnout from the extra pressure.", "Morale in the team has suffered."],
    ),
}
SENSITIVE = {
    "email": [
        "Happy to say more, e-mail me at jane.doe@example.org.",
        "Contact our lead at a.person@example.nhs.uk for details.",
    ],
    "phone": ["Ring me on 07700 900461 if you want to discuss.", "Our office number is 01632 960 123."],
    "name": ["Dr Priya Patel set up the whole induction programme.", "Our manager Sarah Jones made this work."],
    "html": ["<script>alert(1)</script>", 'See <b>bold</b> claims & <a href="http://example.org">this link</a>.'],
}


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _terms(table: dict, codes, part: str, r: int) -> np.ndarray:
    """One part ("route" or "effect") of `table`'s terms for role number `r`, in the order of `codes`."""
    return np.array([getattr(table[code], part)[r] for code in codes])


def _categorical(rng, probs, size):
    """Draw category indices with the given probabilities (rows of a matrix or one vector)."""
    probs = np.asarray(probs, dtype=float)
    u = rng.random(size)
    if probs.ndim == 1:
        return np.searchsorted(np.cumsum(probs / probs.sum()), u, side="right").clip(0, len(probs) - 1)
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    return (u[:, None] >= cum).sum(axis=1).clip(0, probs.shape[1] - 1)


def _free_text(rng, n: int, p_answer: float, which: int) -> np.ndarray:
    """Free-text answers (object array, None = not answered)."""
    themes = list(PHRASES)
    bank = [p for t in themes for p in PHRASES[t][which]]
    answered = rng.random(n) < p_answer
    first = rng.integers(0, len(bank), n)
    second = rng.integers(0, len(bank), n)
    two = (rng.random(n) < P_TWO_PHRASES) & (second != first)
    bank_arr = np.array(bank, dtype=object)
    text = bank_arr[first]
    text = np.where(two, text + " " + bank_arr[second], text)
    for kind in ("email", "phone", "name", "html"):
        add = answered & (rng.random(n) < P_EACH_SENSITIVE)
        pick = rng.integers(0, len(SENSITIVE[kind]), n)
        extra = np.array(SENSITIVE[kind], dtype=object)[pick]
        text = np.where(add, text + " " + extra, text)
    return np.where(answered, text, None)


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
    works = {}
    for r, role in enumerate(cb.ROLES):
        logit = (
            _terms(PROFESSION_TERMS, PROFESSIONS, "route", r)[prof] + _terms(SETTING_TERMS, SETTINGS, "route", r)[sett]
        )
        works[role] = rng.random(n) < _expit(logit)
        out[f"works_with_{role}"] = np.where(works[role], "yes", "no")

    u = rng.normal(0.0, SD_PERSON, n)
    v = rng.normal(0.0, SD_PERSON_ROLE, (n, len(cb.ROLES)))
    n_cols = len(book.items) * len(cb.ROLES)
    breaks = rng.random(n) < P_BREAKOFF
    break_at = np.where(breaks, rng.integers(0, n_cols, n), n_cols)
    dk_prof = np.array([DK_PROFESSION.get(p, 0.0) for p in PROFESSIONS])[prof]
    col = 0
    for item in book.items:
        for r, role in enumerate(cb.ROLES):
            eta = (
                ITEM_EFFECT[item.id][r]
                + _terms(PROFESSION_TERMS, PROFESSIONS, "effect", r)[prof]
                + _terms(SETTING_TERMS, SETTINGS, "effect", r)[sett]
                + (EARLIER_SHIFT.get(item.id, (0.0, 0.0))[r] if wave == "earlier" else 0.0)
                + u
                + v[:, r]
            )
            latent = eta + rng.logistic(0.0, 1.0, n)
            resp = 1 + (latent[:, None] > np.asarray(CUTPOINTS)[None, :]).sum(axis=1)
            resp = resp.astype(float)
            dk = rng.random(n) < _expit(DK_BASE + dk_prof + DK_ITEM.get(item.id, 0.0))
            resp[dk] = book.dont_know
            resp[rng.random(n) < P_ITEM_MISSING] = np.nan
            resp[~works[role]] = np.nan
            resp[break_at <= col] = np.nan
            if wave not in item.waves:
                resp[:] = np.nan
            out[item.column(role)] = pd.array(resp, dtype="Int64")
            col += 1
    for k, name in enumerate(book.freetext):
        text = _free_text(rng, n, (P_HELPED, P_HINDERED)[k], k)
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
