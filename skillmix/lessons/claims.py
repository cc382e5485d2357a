"""Checks that what a lesson says is what its records can support, as far as that can be
checked mechanically from the data:

* **country** — a justification that says all records are "from England or the UK" must be
  true of every record, and a record counts as from England or the UK only when every country
  it lists is a UK country (`uk_only`: "UK; International" does not count);
* **timing** — a statement that places evidence in time (before, after, later, roll-out, ...)
  must declare it in `timing`, and each record named there must be dated before (or after)
  the role-timeline event it is placed against;
* **outcomes** — a statement that reports an outcome such as retention or satisfaction needs
  at least `MIN_OUTCOME_RECORDS` of its records whose key finding reports that outcome (not
  an intention to stay), or must say in the same sentence that it rests on one study; it may
  never claim an outcome that none of its records reports;
* **neutrality** — evaluative words in statements and justifications must be attributed
  (`neutrality.unattributed`).

`problems` lists every breach; `check` raises InputError on the first.
"""

from __future__ import annotations

import re

import pandas as pd

from ..core.errors import InputError
from ..core.paths import relative
from .inputs import LESSONS_FILE
from .neutrality import sentences, unattributed
from .spec import COMPONENTS, Lesson
from .summaries import evidence_profile

ALL_UK_CLAIM = re.compile(r"\bAll\b[^.;]*\bEngland or the UK\b")

# Words by which a statement places evidence in time.
TIMING_WORDS = re.compile(
    r"\b(before|after|later|preceded|precede[sd]?|followed|beforehand|in advance|roll-?out|"
    r"informed|at (?:its |their )?introduction|when (?:a |the |each )?(?:new )?roles? (?:was|were) introduced)\b",
    re.IGNORECASE,
)

# Outcomes a statement may report, and how a key finding reports them.
OUTCOMES = {
    "retention": r"\bretention\b|\bretain(?:ed|ing|s)?\b",
    "leaving": r"\bdrop(?:ped)? out\b|\bdrop-?outs?\b|\battrition\b|\bturnover\b|\bleft (?:the|their) (?:role|post|job)s?\b",
    "staying": r"\bstay(?:ed|ing|s)?\b|\bremain(?:ed|ing|s)? (?:in|as)\b",
    "satisfaction": r"\bsatisf(?:ied|action)\b",
}
MIN_OUTCOME_RECORDS = 2
# An outcome word preceded by a word of intention reports an intention, not the outcome.
_INTENTION = re.compile(
    r"\b(?:plan\w*|intend\w*|intention\w*|want\w*|wish\w*|aim\w*|expect\w*|hop(?:e|ed|ing))\b(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
SINGLE_SOURCE = re.compile(
    r"\b(?:one|a single)\s+(?:[\w-]+\s+){0,2}(?:study|record|evaluation|survey|review|report|trial|census)\b",
    re.IGNORECASE,
)


def reports(text: str, pattern: str) -> list[str]:
    """The words of `text` matching `pattern` that report an outcome (not an intention)."""
    found = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if not _INTENTION.search(text[: match.start()]):
            found.append(match.group(0))
    return found


def _country_problems(lesson: Lesson, profile: dict) -> list[str]:
    out = []
    for comp in COMPONENTS:
        text = getattr(lesson.confidence, comp).justification
        if ALL_UK_CLAIM.search(text) and profile["n_uk"] != profile["n_records"]:
            out.append(
                f"{comp} says all records are from England or the UK, but only {profile['n_uk']} of "
                f"{profile['n_records']} list no country outside the UK"
            )
    return out


def _timing_problems(lesson: Lesson, years: pd.Series, timeline: pd.DataFrame) -> list[str]:
    out = []
    words = TIMING_WORDS.findall(lesson.statement)
    if words and not lesson.timing:
        out.append(f"the statement places evidence in time ('{words[0]}') but declares no timing")
    for claim in lesson.timing:
        event = claim.event
        rows = timeline[(timeline["role"] == event.role) & (timeline["year"] == event.year)]
        if rows.empty:
            out.append(f"timing: no {event.role} event in {event.year} in the role timeline")
            continue
        for rid in claim.records:
            year = years.get(rid, pd.NA)
            if pd.isna(year):
                out.append(f"timing: record '{rid}' has no year, so its place in time cannot be checked")
                continue
            placed = int(year) < event.year if claim.records_published == "before" else int(year) > event.year
            if not placed:
                out.append(
                    f"timing: record '{rid}' ({int(year)}) is not dated {claim.records_published} "
                    f"the {event.role} event of {event.year}"
                )
    return out


def _outcome_problems(lesson: Lesson, findings: pd.Series) -> list[str]:
    out = []
    for sentence in sentences(lesson.statement):
        for outcome, pattern in OUTCOMES.items():
            words = reports(sentence, pattern)
            if not words:
                continue
            n = sum(bool(reports(findings[rid], pattern)) for rid in lesson.records)
            if n == 0:
                out.append(f"the statement reports {outcome} ('{words[0]}'), which none of its records reports")
            elif n < MIN_OUTCOME_RECORDS and not SINGLE_SOURCE.search(sentence):
                out.append(
                    f"the statement reports {outcome} ('{words[0]}'), which only {n} of its records reports; "
                    "say in the same sentence that it rests on one study"
                )
    return out


def _neutrality_problems(lesson: Lesson) -> list[str]:
    texts = {"statement": lesson.statement}
    texts.update({comp: getattr(lesson.confidence, comp).justification for comp in COMPONENTS})
    texts["overall"] = lesson.confidence.overall.justification
    return [
        f"{where}: evaluative word(s) without saying whose view: {', '.join(words)}"
        for where, text in texts.items()
        if (words := unattributed(text))
    ]


def problems(lessons: list[Lesson], records: pd.DataFrame, timeline: pd.DataFrame) -> list[str]:
    """Every breach, as 'lesson <id>: <problem>'. `records` are `inputs.load_records()`,
    `timeline` is `core.timeline.load_timeline()`."""
    indexed = records.set_index("id")
    out = []
    for lesson in lessons:
        found = (
            _country_problems(lesson, evidence_profile(lesson, records))
            + _timing_problems(lesson, indexed["year"], timeline)
            + _outcome_problems(lesson, indexed["key_finding"])
            + _neutrality_problems(lesson)
        )
        out += [f"lesson {lesson.id}: {p}" for p in found]
    return out


def check(lessons, records, timeline, path=LESSONS_FILE) -> None:
    """Raise InputError on the first breach (see `problems`)."""
    found = problems(lessons, records, timeline)
    if found:
        raise InputError(found[0], file=relative(path), value=f"{len(found)} problem(s) in all")
