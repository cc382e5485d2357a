"""Citation labels: one readable label per evidence record, the same in prose, tables and
the References page.

A label is author–year:

* one author: "Kessler 2020"; two: "Bosley and Dale 2008"; three or more: "Kessler et al. 2022"
  (surnames with their particles: "van den Brink et al. 2021");
* a corporate author by the short form the body uses for itself (`ABBREVIATIONS`: "DHSC 2023",
  "RCoA 2024a", "NHS England 2023"); a body without a short form by its name;
* no year seen: "n.d.";
* labels that would otherwise be equal get a, b, c, ... in the order of their titles
  ("RCoA 2024a", "RCoA 2024b"; "n.d.-a" after a missing year).

The labels are computed from the entries of `references.bib` (written by
`skillmix.evidence.bibliography` from the evidence records), by `label_map`. The book's
bibliography style (`skillmix.publish.citation_style`, a Sphinx extension) calls the same
function on the same entries, so a label in a table is exactly the label the prose citation and
the References page show. `sort_key` is the order of the References page.

`citation(record_id)` gives (label, href): href points at the record's entry on the References
page, whose HTML id is fixed by `bibtex_cite_id: "cite-{key}"` in `_config.yml` (`anchor`).
Every chapter page sits beside `references.html`, so the href is relative to a chapter page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from string import ascii_lowercase

from .errors import InputError
from .paths import ROOT

BIB = ROOT / "references.bib"
REFERENCES_PAGE = "references.html"
# `bibtex_cite_id` in _config.yml: the id template of each entry on the References page.
CITE_ID = "cite-{key}"
NO_YEAR = "n.d."

# Corporate authors -> the short form each body uses for itself (on its own site and
# publications). Bodies not listed are named in full ("Healthwatch England", "NHS England").
ABBREVIATIONS = {
    "British Medical Association": "BMA",
    "BMA media team": "BMA",
    "Centre for Advancing Practice (Health Education England / NHS England)": "Centre for Advancing Practice",
    "Cochrane Response (for the Royal College of Anaesthetists)": "Cochrane Response",
    "Department of Health": "DH",
    "Department of Health and Social Care": "DHSC",
    "Faculty of Physician Associates (Royal College of Physicians)": "FPA",
    "Health Education England": "HEE",
    "Nursing and Midwifery Council": "NMC",
    "Professional Standards Authority for Health and Social Care": "PSA",
    "Royal College of Anaesthetists": "RCoA",
    "Royal College of Emergency Medicine": "RCEM",
    "Royal College of General Practitioners": "RCGP",
    "Royal College of Nursing": "RCN",
    "Royal College of Physicians": "RCP",
}
# Corporate authors named in full: bodies that do not shorten their name.
NAMED_IN_FULL = frozenset(
    {
        "Association of Anaesthetists",
        "Healthwatch England",
        "House of Lords Library",
        "NHS Employers",
        "NHS England",
        "Nuffield Trust",
    }
)


def _plain(latex: str) -> str:
    """A name or field as plain text: BibTeX braces and escapes removed."""
    if "\\" not in latex:  # no escapes: only braces to drop (pybtex's parser is slow)
        return " ".join(latex.replace("{", "").replace("}", "").split())
    from pybtex.richtext import Text

    return " ".join(Text.from_latex(latex).render_as("text").split())


def is_corporate(person) -> bool:
    """True for a corporate author: written as one braced name, '{Royal College of Nursing}'."""
    return (
        not person.first_names
        and not person.prelast_names
        and len(person.last_names) == 1
        and person.last_names[0].startswith("{")
    )


def short_name(person) -> str:
    """How a label names one author: the surname with its particles ('van den Brink'), or a
    corporate author's short form (`ABBREVIATIONS`) or full name."""
    if is_corporate(person):
        name = _plain(person.last_names[0])
        return ABBREVIATIONS.get(name, name)
    return _plain(" ".join(person.prelast_names + person.last_names))


def year_of(entry) -> str:
    """The entry's year, or 'n.d.' when none was seen."""
    return entry.fields.get("year", "").strip() or NO_YEAR


def base_label(entry) -> str:
    """The label before any a/b suffix: 'Kessler 2020', 'Bosley and Dale 2008',
    'Kessler et al. 2022', 'DHSC 2023', 'RCEM n.d.'."""
    persons = entry.persons.get("author", [])
    names = [short_name(person) for person in persons[:2]]
    if not names:
        who = "Anonymous"
    elif len(persons) == 1:
        who = names[0]
    elif len(persons) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {year_of(entry)}"


def _title_key(entry) -> tuple[str, str]:
    return (_plain(entry.fields.get("title", "")).casefold(), entry.key)


def label_map(entries) -> dict[str, str]:
    """{key: label} for pybtex entries (an iterable of `pybtex.database.Entry`): the base label,
    with a, b, c, ... (by title, then key) where several entries share it. Depends only on the
    set of entries, not on their order."""
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(base_label(entry), []).append(entry)
    labels = {}
    for base, group in groups.items():
        if len(group) == 1:
            labels[group[0].key] = base
            continue
        joiner = "-" if base.endswith(NO_YEAR) else ""
        for i, entry in enumerate(sorted(group, key=_title_key)):
            labels[entry.key] = f"{base}{joiner}{_suffix(i)}"
    return labels


def _suffix(i: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    return ascii_lowercase[i] if i < 26 else _suffix(i // 26 - 1) + ascii_lowercase[i % 26]


def sort_key(label: str) -> tuple:
    """Order of the References page: by the label's name part (ignoring leading lower-case
    particles such as 'van den', and case), then year (undated last), then suffix."""
    match = re.fullmatch(r"(.*) (\d{4}|n\.d\.)(?:-?([a-z]+))?", label)
    name, year, suffix = match.groups() if match else (label, "", "")
    words = name.split()
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    return (" ".join(words).casefold(), year == NO_YEAR, year, len(suffix or ""), suffix or "", label)


def make_id(text: str) -> str:
    """An HTML id as docutils makes it (`docutils.nodes.make_id`) from an ASCII key: lower
    case, runs of other characters as one hyphen, starting with a letter."""
    ident = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return re.sub(r"^[^a-z]+", "", ident)


def anchor(record_id: str) -> str:
    """The HTML id of a record's entry on the References page."""
    return make_id(CITE_ID.format(key=record_id))


def _parse(path: Path):
    import pybtex.database

    return pybtex.database.parse_file(str(path), "bibtex")


@lru_cache(maxsize=4)
def _labels_cached(path: str, mtime_ns: int) -> dict[str, str]:
    return label_map(_parse(Path(path)).entries.values())


def labels(bib=BIB) -> dict[str, str]:
    """{record id: label} for every entry of the bibliography file (read once per version)."""
    path = Path(bib)
    if not path.exists():
        raise InputError("bibliography not found; run `python -m skillmix.evidence.bibliography`", file=path)
    return dict(_labels_cached(str(path.resolve()), path.stat().st_mtime_ns))


def citation(record_id: str, bib=BIB) -> tuple[str, str]:
    """(label, href) of one evidence record: the label the book cites it by, and the link to its
    entry on the References page (relative to a chapter page)."""
    known = labels(bib)
    if record_id not in known:
        raise InputError("not an evidence record in the bibliography", file=Path(bib), value=record_id)
    return known[record_id], f"{REFERENCES_PAGE}#{anchor(record_id)}"
