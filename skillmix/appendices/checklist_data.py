"""`data/checklists/`: reporting checklists mapped to the book, and the study's key findings
beside the book's (see data/checklists/README.md for every field).

The files are parsed into pydantic models (an unknown key or a wrong value fails with file,
line and key), then checked: an item reported or partly reported names the sections that meet
it; an item not done or not applicable says why; a finding the book agrees or differs with
names the sections that show it; no identifier is used twice; and every link resolves to a
heading of a chapter notebook (`sections.problem`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from ..core.errors import InputError
from ..core.paths import CHAPTERS, DATA, relative
from ..core.yaml_spec import Spec, line_at, load_yaml, parse
from . import sections

FOLDER = DATA / "checklists"
PRISMA_FILE = FOLDER / "prisma_2020.yml"
CHERRIES_FILE = FOLDER / "cherries.yml"
FINDINGS_FILE = FOLDER / "report_findings.yml"

STATUSES = ("reported", "partly", "not_done", "not_applicable")
DONE = ("reported", "partly")  # an item with either status must link to where it is met
VERDICTS = ("agrees", "differs", "cannot_check")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OneLine = Annotated[Text, AfterValidator(lambda text: " ".join(text.split()))]


class Guideline(Spec):
    name: Text
    title: OneLine
    reference: OneLine
    url: Text
    licence: Text
    identifiers: Text


class Item(Spec):
    """One checklist item: the guideline's identifier and text as published (as far as seen),
    and this book's status, links and note."""

    item: Text | None = None
    section: OneLine | None = None
    topic: OneLine | None = None
    text: OneLine | None = None
    text_complete: bool = True
    status: Literal[STATUSES]
    where: tuple[Text, ...] = ()
    note: OneLine | None = None

    @property
    def key(self) -> str:
        return self.item or self.topic or ""


class ChecklistFile(Spec):
    guideline: Guideline
    items: list[Item]


class Source(Spec):
    title: OneLine
    url: Text
    introduction: OneLine
    caveat: OneLine


class Finding(Spec):
    id: Text
    published: OneLine | None = None
    complete: bool
    verdict: Literal[VERDICTS]
    how: OneLine
    book: OneLine
    where: tuple[Text, ...] = ()


class FindingsFile(Spec):
    source: Source
    findings: list[Finding]


def _fail(path: Path, node, problem: str, *loc, **extra):
    key = ".".join(map(str, loc))
    raise InputError(problem, file=relative(path), line=line_at(node, list(loc)), key=key, **extra)


def check_links(path: Path, node, entries: list, kind: str, folder: Path = CHAPTERS) -> None:
    """Every link of every entry resolves (`sections.problem`)."""
    for i, entry in enumerate(entries):
        for j, link in enumerate(entry.where):
            found = sections.problem(link, folder)
            if found:
                _fail(path, node, f"a link does not resolve: {found}", kind, i, "where", j)


def load_checklist(path: Path, folder: Path = CHAPTERS) -> ChecklistFile:
    """A checklist file, validated (see the module's docstring)."""
    data, node = load_yaml(path)
    spec = parse(ChecklistFile, path, data, node)
    seen = set()
    for i, item in enumerate(spec.items):
        if not item.key:
            _fail(path, node, "an item needs its `item` identifier or, if that was not seen, a `topic`", "items", i)
        if item.key in seen:
            _fail(path, node, "an item is listed twice", "items", i, value=item.key)
        seen.add(item.key)
        if item.status in DONE and not item.where:
            _fail(path, node, f"an item {item.status} needs the sections that meet it in `where`", "items", i)
        if item.status != "reported" and not item.note:
            _fail(path, node, f"an item {item.status} needs a `note` saying why", "items", i)
        if item.text is None and not item.text_complete:
            _fail(path, node, "`text_complete: false` needs the `text` as far as it was seen", "items", i)
    check_links(path, node, spec.items, "items", folder)
    return spec


def load_findings(path: Path = FINDINGS_FILE, folder: Path = CHAPTERS) -> FindingsFile:
    """The study's key findings beside the book's, validated."""
    data, node = load_yaml(path)
    spec = parse(FindingsFile, path, data, node)
    ids = set()
    for i, finding in enumerate(spec.findings):
        if finding.id in ids:
            _fail(path, node, "a finding id is used twice", "findings", i, value=finding.id)
        ids.add(finding.id)
        if finding.verdict != "cannot_check" and not finding.where:
            _fail(
                path, node, f"a finding the book {finding.verdict} with needs the sections that show it", "findings", i
            )
        if finding.published is None and finding.complete:
            _fail(path, node, "a finding with no published text seen cannot be `complete`", "findings", i)
    check_links(path, node, spec.findings, "findings", folder)
    return spec
