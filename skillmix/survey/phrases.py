"""The synthetic generator's free text: a phrase bank per theme, and a few sentences with
personal details or markup (fictional, unreachable) so that redaction and escaping are
exercised. Nothing here refers to either role: the same answers are drawn for everybody."""

from __future__ import annotations

import numpy as np

P_TWO_PHRASES = 0.30  # share of answers made of two phrases
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


def free_text(rng, n: int, p_answer: float, which: int) -> np.ndarray:
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
