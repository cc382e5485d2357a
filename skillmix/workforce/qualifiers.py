"""A published value as the prose quotes it, with its qualifier from the data.

A row's `qualifier` says how exact its value is: empty (published exactly), an approximation
("about", "more than", "almost", "just over", "estimate") or `derived` (computed from
published figures, not published itself). The qualifier travels with the value into every
glued text: "more than 64,000", "an estimated 20,000", "4,353 (derived: ...)". The note of a
derived row starts with "derived:" and says how it was computed, up to its first ";"
(`load_published` refuses a derived row whose note does not).
"""

from __future__ import annotations

from ..core.formats import NOT_AVAILABLE, fmt_int

DERIVED = "derived"
DERIVED_NOTE_PREFIX = "derived:"
# The words put before an approximate value.
APPROXIMATE_WORDS = {
    "about": "about",
    "more than": "more than",
    "almost": "almost",
    "just over": "just over",
    "estimate": "an estimated",
}


def derivation(note: str) -> str:
    """How a derived value was computed: its note after "derived:", up to the first ";"
    ('' when the note does not start with "derived:")."""
    text = str(note or "").strip()
    if not text.lower().startswith(DERIVED_NOTE_PREFIX):
        return ""
    return text[len(DERIVED_NOTE_PREFIX) :].split(";")[0].strip()


def qualified_value(value, qualifier: str = "", note: str = "", fmt=fmt_int) -> str:
    """`fmt(value)` with its qualifier: 'about 37,000', '4,353 (derived: 5,509 ... )'."""
    text = fmt(value)
    if text == NOT_AVAILABLE:
        return text
    qualifier = str(qualifier or "")
    if qualifier == DERIVED:
        how = derivation(note)
        return f"{text} (derived: {how})" if how else f"{text} (derived)"
    if qualifier in APPROXIMATE_WORDS:
        return f"{APPROXIMATE_WORDS[qualifier]} {text}"
    return text


def qualified_row(row, fmt=fmt_int) -> str:
    """`qualified_value` of a row (a mapping or named tuple with value, qualifier and note)."""
    get = row.get if hasattr(row, "get") else lambda key, default="": getattr(row, key, default)
    return qualified_value(get("value"), get("qualifier", ""), get("note", ""), fmt)
