"""Free-text answers: coding against the theme code book, counts, redaction and safe display.

Coding: the keyword dictionary data/survey/freetext_dictionary.yml (see its header for the
matching rule and limits).

Redaction, applied to every free-text answer as the responses are loaded (`SurveyRun`), before
anything is coded, counted, shown or written, so no later step ever sees the original text:
* e-mail addresses: `something@domain.tld` -> [email];
* telephone numbers: UK-style numbers, `+44`, `0044` or `0` followed by 9-11 digits with
  optional spaces, hyphens, dots or brackets -> [phone];
* NHS numbers: ten digits, written together or spaced, hyphenated or dotted (3-3-4 or otherwise),
  that pass the NHS modulus-11 check (weights 10 to 2 on the first nine digits; check digit
  11 - (sum mod 11), 11 -> 0, 10 -> not a valid number) -> [NHS number]; any other
  ten-digit number written that way (a mistyped NHS number, a staff or phone number
  without its 0) -> [number];
* UK postcodes: a full postcode (outward and inward code, e.g. `SW1A 1AA`, any case, space
  optional) -> [postcode];
* people's names: (a) a title (Dr, Mr, Mrs, Ms, Miss, Mx, Prof, Professor, Sister, Nurse, Sir,
  Dame) followed by one or two capitalised words; (b) two consecutive capitalised words
  (First Last) where neither is a common capitalised non-name word of NHS writing
  (`NOT_NAMES`) -> [name].
Limits: a single name without a title ("ask Priya"), names written in lower case, names
that are also ordinary words, identifiers of other lengths, an outward code
on its own ("SW1A"), an e-mail address written out in words ("jane at example dot org") and
other identifying details (a named ward, a rare job title) are not caught. The book therefore
shows few quotes, only for themes mentioned by at least `min_cell` respondents, and never
with the respondent's profession, setting or region.

Display: quotes stay plain text in the data frame; pandas escapes them when it renders
HTML (`DataFrame.to_html(escape=True)`, the default, and the notebook's HTML repr), so
`<script>` is shown as text and never run.

Example quotes are picked in a seeded random order (`QUOTE_SEED`), so a run shows the same
quotes every time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..core import vocab
from ..core.paths import DATA
from ..core.yaml_spec import Spec, parse

DICTIONARY = DATA / "survey" / "freetext_dictionary.yml"
UNCODED = "uncoded"
# Seed of the random order in which example quotes are picked (the value the book has always
# used, which is also the synthetic generator's seed; the two need not be equal).
QUOTE_SEED = 20250115

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Ten digits with up to two spaces, hyphens, dots or slashes between any two, not inside a
# longer number.
TEN_DIGITS = re.compile(r"(?<![\w+])\d(?:[\s./-]{0,2}\d){9}(?![\w])")
NHS_WEIGHTS = range(10, 1, -1)
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44[\s.-]?(?:\(0\)[\s.-]?)?\(?|\(?0)(?:\d[\s.\-()]{0,2}){8,10}\d(?![\w])")
MARKERS = ("[email]", "[NHS number]", "[number]", "[phone]", "[postcode]", "[name]")  # what redaction leaves
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
TITLES = ("Dr", "Doctor", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor", "Sister", "Nurse", "Sir", "Dame")
TITLED_NAME = re.compile(rf"\b(?:{'|'.join(TITLES)})\.?\s+[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?")
NAME_PAIR = re.compile(r"\b([A-Z][a-z][a-zA-Z'-]*)\s+([A-Z][a-z][a-zA-Z'-]*)\b")
NOT_NAMES = frozenset(
    """
A An The Our My We Our Their This That It In On At For From With Without And But Or If When
General Practice Primary Care Health Education England National Service Services Long Term
Workforce Plan Trust Trusts Royal College Medical Council Nursing Midwifery Advanced Clinical
Practitioner Practitioners Physician Associate Associates Additional Roles Reimbursement Scheme
Integrated Board Network Networks Mental Community Emergency Department Hospital Foundation
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split()
)


class DictionaryFile(Spec):
    """The keyword dictionary: theme (one of the book's themes) -> keywords."""

    themes: dict[Literal[vocab.THEMES], list[str]]


def load_dictionary(path=DICTIONARY) -> dict[str, list[str]]:
    """Theme -> lower-case keywords; an unknown theme or key fails with the file, line and key."""
    themes = parse(DictionaryFile, Path(path)).themes
    return {t: [k.lower() for k in kws] for t, kws in themes.items()}


def code_answers(texts: pd.Series, dictionary: dict[str, list[str]]) -> pd.DataFrame:
    """One boolean column per theme (and `uncoded`): does the answer mention it?"""
    lower = texts.fillna("").astype(str).str.lower()
    out = {}
    for theme, keywords in dictionary.items():
        pattern = r"\b(?:" + "|".join(re.escape(k) for k in keywords) + ")"
        out[theme] = lower.str.contains(pattern, regex=True).to_numpy()
    coded = pd.DataFrame(out, index=texts.index)
    answered = texts.notna().to_numpy()
    coded = coded & answered[:, None]
    coded[UNCODED] = answered & ~coded.any(axis=1).to_numpy()
    return coded


def theme_counts(frame: pd.DataFrame, questions, dictionary, weights=None) -> pd.DataFrame:
    """Respondents mentioning each theme, per free-text question: n, % of those who answered."""
    rows = []
    for q in questions:
        texts = frame[q]
        coded = code_answers(texts, dictionary)
        answered = int(texts.notna().sum())
        for theme in coded.columns:
            hit = coded[theme].to_numpy()
            rows.append(
                {
                    "question": q,
                    "theme": theme,
                    "n": int(hit.sum()),
                    "n_answered": answered,
                    "pct_of_answers": 100 * hit.sum() / answered if answered else np.nan,
                }
            )
    return pd.DataFrame(rows)


def _name_pair(match: re.Match) -> str:
    first, last = match.group(1), match.group(2)
    if first in NOT_NAMES or last in NOT_NAMES:
        return match.group(0)
    return "[name]"


def nhs_number_valid(digits: str) -> bool:
    """True for ten digits that pass the NHS modulus-11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits, NHS_WEIGHTS)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs_number(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[NHS number]" if nhs_number_valid(digits) else "[number]"


def redact(text) -> str | None:
    """The text with e-mail addresses, NHS numbers, phone numbers, postcodes and people's names
    replaced (see the module docstring)."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    text = EMAIL.sub("[email]", str(text))
    text = PHONE.sub("[phone]", text)  # first: a number with +44, 0044 or a leading 0 is a phone
    text = TEN_DIGITS.sub(_nhs_number, text)
    text = POSTCODE.sub("[postcode]", text)
    text = TITLED_NAME.sub("[name]", text)
    return NAME_PAIR.sub(_name_pair, text)


def redact_answers(frame: pd.DataFrame, questions) -> tuple[pd.DataFrame, np.ndarray]:
    """`frame` with every answer to the free-text `questions` redacted, and for each respondent
    the number of their answers that redaction changed."""
    out = frame.copy()
    changed = np.zeros(len(out), dtype=int)
    for q in questions:
        texts = out[q]
        red = texts.map(redact, na_action="ignore")
        changed += (texts.notna() & (red != texts)).to_numpy(dtype=int)
        out[q] = red
    return out, changed


def example_quotes(
    frame: pd.DataFrame, questions, dictionary, themes, *, per_theme: int = 1, seed: int = QUOTE_SEED
) -> pd.DataFrame:
    """Redacted example answers: for each question and theme, `per_theme` answers chosen by a
    seeded random order. Columns: question, theme, quote (plain text; escape when rendering)."""
    rng = np.random.default_rng(seed)
    rows = []
    for q in questions:
        texts = frame[q]
        coded = code_answers(texts, dictionary)
        order = rng.permutation(len(texts))
        used: set[int] = set()
        for theme in themes:
            hits = [i for i in order if coded[theme].iloc[i] and i not in used][:per_theme]
            for i in hits:
                used.add(i)
                rows.append({"question": q, "theme": theme, "quote": redact(texts.iloc[i])})
    return pd.DataFrame(rows, columns=["question", "theme", "quote"])


def redaction_examples(frame: pd.DataFrame, questions, limit: int = 4) -> pd.DataFrame:
    """A few answers that redaction changed, as they are after redaction (`frame` holds redacted
    answers): one example per kind of change where available. Answers holding markup are not
    examples for readers (they are escaped like any answer; the tests check that)."""
    rows = []
    for q in questions:
        for text in frame[q].dropna():
            if any(marker in text for marker in MARKERS):
                rows.append({"question": q, "answer_after_redaction": text})
    out = pd.DataFrame(rows, columns=["question", "answer_after_redaction"])
    picked = []
    for marker in MARKERS:
        hit = out[out["answer_after_redaction"].str.contains(marker, regex=False)]
        if len(hit):
            picked.append(hit.index[0])
    return out.loc[list(dict.fromkeys(picked))[:limit]].reset_index(drop=True)
