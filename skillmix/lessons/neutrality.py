"""Evaluative words in the book's own descriptions (glossary, historical parallels, lessons).

The book describes roles; it does not judge them. A description may report a judgement, but
then it must say whose it is: a sentence that uses an evaluative word ("valued", "effective",
"successful", ...) must also carry an attribution ("reported", "found", "said", "according
to", "views", ...). Words inside quotation marks are the source's own and are not checked.
The lists are deliberately small; they catch the common slips, not every shade of judgement.
"""

from __future__ import annotations

import re

EVALUATIVE = (
    "valued",
    "valuable",
    "invaluable",
    "excellent",
    "outstanding",
    "successful",
    "successfully",
    "success",
    "effective",
    "effectively",
    "best",
    "good",
    "positive",
    "negative",
    "poor",
    "skilled",
    "knowledgeable",
)
ATTRIBUTION = (
    r"reported|reports?|reporting|found|finds|finding|findings|described|describes|said|says|"
    r"judged|rated|according to|in the view of|views?|felt|feel|saw|considered|regarded|"
    r"argued|argues|called|thought|regretted"
)
_EVALUATIVE = re.compile(r"\b(" + "|".join(EVALUATIVE) + r")\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(" + ATTRIBUTION + r")\b", re.IGNORECASE)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”")
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences (and semicolon- or colon-separated clauses) of a text."""
    return [s for s in _SENTENCE.split(" ".join(str(text).split())) if s]


def unattributed(text: str) -> list[str]:
    """The evaluative words of `text` used in a sentence or clause that says nobody's view,
    in order of appearance (empty when the text is neutral or attributes its judgements)."""
    found = []
    for sentence in sentences(text):
        own = _QUOTED.sub(" ", sentence)
        words = _EVALUATIVE.findall(own)
        if words and not _ATTRIBUTION.search(own):
            found += [w.lower() for w in words]
    return found
