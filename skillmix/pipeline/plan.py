"""What one invocation of `run` will do: which chapters, with which parameter values, into
which book (the committed `chapters/` for the default run, `_build/runs/<name>/` otherwise),
and each chapter's input fingerprint.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..core.chapter_spec import chapters, check
from ..core.errors import InputError
from ..core.paths import ROOT
from ..core.runs import folder, run_name
from .fingerprint import chapter_fingerprint
from .manifest import MANIFEST, read_manifest, write_manifest

BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib", "requirements.txt")
STATIC = "_static"  # the book's style sheets


@dataclass
class Plan:
    """What one invocation of `run` will do."""

    book: Path
    values: dict  # chapter -> parameter values
    overrides: dict  # chapter -> values injected by papermill
    fingerprints: dict
    selected: list
    results: list = field(default_factory=list)

    @property
    def is_default(self) -> bool:
        return self.book == ROOT


def resolve_overrides(selection: list[str], overrides: dict) -> dict:
    """Map flat NAME=VALUE overrides onto the selected chapters that declare NAME.

    Fails, before anything runs, on a name no selected chapter declares or on a bad value.
    """
    specs = chapters()
    unknown_chapters = [c for c in selection if c not in specs]
    if unknown_chapters:
        raise InputError("unknown chapter", value=unknown_chapters[0], allowed=list(specs))
    targets = selection or list(specs)
    per_chapter = {c: {} for c in targets}
    for name, value in overrides.items():
        owners = [c for c in targets if name in specs[c].parameters]
        if not owners:
            valid = sorted({p for c in targets for p in specs[c].parameters})
            raise InputError(f"unknown parameter for chapter(s) {', '.join(targets)}", value=name, allowed=valid)
        for c in owners:
            per_chapter[c][name] = value
    for c, values in per_chapter.items():
        per_chapter[c] = {k: v for k, v in check(c, **values).items() if k in values}
    return {c: v for c, v in per_chapter.items() if v}


def _with_dependents(selection: list[str]) -> list[str]:
    specs = chapters()
    chosen = set(selection or specs)
    changed = True
    while changed:
        extra = {c for c, s in specs.items() if c not in chosen and chosen & set(s.depends_on)}
        chosen |= extra
        changed = bool(extra)
    return [c for c in specs if c in chosen]


def _with_dependencies(selection: list[str]) -> list[str]:
    """The selection and everything it depends on, in book order (dependencies come first
    in chapters.yml)."""
    specs = chapters()
    chosen, stack = set(), list(selection)
    while stack:
        c = stack.pop()
        if c not in chosen:
            chosen.add(c)
            stack.extend(specs[c].depends_on)
    ordered = [c for c in specs if c in chosen]
    for c in ordered:
        late = [d for d in specs[c].depends_on if ordered.index(d) > ordered.index(c)]
        if late:
            raise InputError(f"chapters.yml: chapter '{c}' must come after {', '.join(late)}")
    return ordered


def make_plan(selection: list[str], overrides: dict, name: str | None = None) -> Plan:
    per_chapter = resolve_overrides(selection, overrides)
    book = ROOT if not per_chapter else folder(name or run_name(overrides))
    specs = chapters()
    selected = _with_dependents(list(per_chapter) or selection)
    # A chapter the selection depends on but that is out of date in the committed book (a run's
    # unexecuted chapters are the committed book's) is run too, with its dependents: otherwise a
    # chapter would read inputs older than its fingerprint says.
    recorded = read_manifest(ROOT)["chapters"]
    while True:
        values, prints = {}, {}
        for c in _with_dependencies(selected):
            values[c] = check(c, **per_chapter.get(c, {}))
            prints[c] = chapter_fingerprint(specs[c], values[c], [prints[d] for d in specs[c].depends_on])
        stale = [c for c in values if c not in selected and recorded.get(c, {}).get("fingerprint") != prints[c]]
        if not stale:
            return Plan(book, values, per_chapter, prints, selected)
        selected = _with_dependents(selected + stale)


def prepare_book(plan: Plan) -> None:
    """For a run with overrides: copy the book's sources into the run's folder, and the
    committed notebook, outputs and manifest entry of every chapter the run does not execute
    (so that those chapters are always the default book's, as they are now), and of a chapter
    it executes for the first time."""
    if plan.is_default:
        return
    plan.book.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, plan.book / name)
    if (ROOT / STATIC).is_dir():
        shutil.copytree(ROOT / STATIC, plan.book / STATIC, dirs_exist_ok=True)
    for src in sorted((ROOT / "chapters").rglob("*")):
        relative = src.relative_to(ROOT)
        if (
            src.is_file()
            and src.suffix != ".ipynb"
            and relative.as_posix() != MANIFEST
            and "outputs" not in relative.parts
        ):
            (plan.book / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, plan.book / relative)
    committed, manifest = read_manifest(ROOT), read_manifest(plan.book)
    for chapter, spec in chapters().items():
        notebook = plan.book / spec.notebook
        if chapter in plan.selected and notebook.exists():
            continue  # executed by this run (a page may link to itself before it is run)
        notebook.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / spec.notebook).exists():
            shutil.copy2(ROOT / spec.notebook, notebook)
        outputs = Path(spec.notebook).parent / "outputs" / chapter
        shutil.rmtree(plan.book / outputs, ignore_errors=True)
        if (ROOT / outputs).is_dir():
            shutil.copytree(ROOT / outputs, plan.book / outputs)
        if chapter in committed["chapters"] and chapter not in plan.selected:
            manifest["chapters"][chapter] = committed["chapters"][chapter]
    write_manifest(plan.book, manifest)
