"""Execute chapters with papermill: in dependency order, in parallel, skipping unchanged ones.

The default run (no overrides) refreshes the committed notebooks in `chapters/`. A run with
overrides writes a whole book of its own under `_build/runs/<name>/` and never touches
`chapters/`. Each notebook is executed into a temporary file and replaces the previous one
only on success; a failed copy is kept under `_build/failed/`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import notebooks
from .errors import InputError
from .fingerprint import chapter_fingerprint
from .params import chapters, check
from .paths import BUILD, ROOT

MANIFEST = "chapters/run_manifest.json"
BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib")
KERNEL_START_ATTEMPTS = 3
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond")


@dataclass
class Result:
    chapter: str
    status: str  # executed | skipped | failed | blocked
    seconds: float = 0.0
    error: str = ""


@dataclass
class Plan:
    """What one invocation of `run` will do."""
    book: Path
    values: dict                      # chapter -> parameter values
    overrides: dict                   # chapter -> values injected by papermill
    fingerprints: dict
    selected: list
    results: list = field(default_factory=list)

    @property
    def is_default(self) -> bool:
        return self.book == ROOT


def run_name(overrides: dict) -> str:
    """A folder name for a parameter set, e.g. `roles-nursing_associate`."""
    text = "_".join(f"{k}-{v}" for k, v in sorted(overrides.items()))
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text)[:80].strip("-") or "default"


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


def read_manifest(book: Path) -> dict:
    path = book / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {"chapters": {}}


def write_manifest(book: Path, manifest: dict) -> None:
    path = book / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def make_plan(selection: list[str], overrides: dict, name: str | None = None) -> Plan:
    per_chapter = resolve_overrides(selection, overrides)
    book = ROOT if not per_chapter else BUILD / "runs" / (name or run_name(overrides))
    specs = chapters()
    selected = _with_dependents(list(per_chapter) or selection)
    values, prints = {}, {}
    for c in _with_dependencies(selected):
        values[c] = check(c, **per_chapter.get(c, {}))
        prints[c] = chapter_fingerprint(specs[c], values[c], [prints[d] for d in specs[c].depends_on])
    return Plan(book, values, per_chapter, prints, selected)


def prepare_book(plan: Plan) -> None:
    """For a run with overrides: copy the book's sources (and, where absent, the committed
    notebooks and outputs) into the run's folder."""
    if plan.is_default:
        return
    plan.book.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, plan.book / name)
    for src in sorted((ROOT / "chapters").rglob("*")):
        dest = plan.book / src.relative_to(ROOT)
        if src.is_file() and (src.suffix not in (".ipynb", ".json", ".csv", ".png") or not dest.exists()):
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)


def _execute(chapter: str, source: str, target: str, parameters: dict, cwd: str, position: int) -> Result:
    """Worker: execute one notebook into a temporary file and move it into place on success."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = time.monotonic()
    tmp = BUILD / "tmp" / f"{os.getpid()}-{chapter}.ipynb"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                papermill.execute_notebook(source, str(tmp), parameters=parameters or None, cwd=cwd,
                                           kernel_name="python3", request_save_on_cell_execute=False,
                                           progress_bar={"desc": chapter, "position": position, "mininterval": 2})
                break
            except RuntimeError as exc:
                # Kernels started at the same moment can race for the same TCP ports
                # (jupyter_client picks free ports before the kernel binds them); such a
                # kernel dies before running any cell, so starting it again is safe.
                if not str(exc).startswith(KERNEL_START_FAILURES) or attempt == KERNEL_START_ATTEMPTS:
                    raise
                print(f"  ! {chapter}: kernel failed to start ({exc}); retrying", flush=True)
    except Exception as exc:  # noqa: BLE001 - every failure is reported and kept
        failed = BUILD / "failed" / f"{chapter}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        if tmp.exists():
            os.replace(tmp, failed)
        if isinstance(exc, PapermillExecutionError):
            where = f"cell {exc.cell_index} (execution count {exc.exec_count})"
            message = f"{where}: {exc.ename}: {exc.evalue}"
        else:
            message = f"{type(exc).__name__}: {exc}"
        return Result(chapter, "failed", time.monotonic() - started,
                      f"{message}; failed notebook kept at {failed.relative_to(ROOT)}")
    notebooks.write_atomic(notebooks.strip_volatile(notebooks.read(tmp)), target)
    tmp.unlink()
    return Result(chapter, "executed", time.monotonic() - started)


def execute(plan: Plan, force: bool = False, jobs: int | None = None, log=print) -> list[Result]:
    """Run the plan's chapters, independent ones in parallel, dependents after their inputs."""
    specs = chapters()
    manifest = read_manifest(plan.book)
    todo = list(plan.selected)
    done: dict[str, str] = {}  # chapter -> status
    running = {}
    jobs = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        while todo or running:
            for c in list(todo):
                deps = [d for d in specs[c].depends_on if d in plan.selected]
                if any(done.get(d) in ("failed", "blocked") for d in deps):
                    todo.remove(c)
                    done[c] = "blocked"
                    plan.results.append(Result(c, "blocked", error=f"not run: depends on {', '.join(deps)}"))
                    log(f"  - {c}: not run, a chapter it depends on failed")
                    continue
                if any(d not in done for d in deps) or len(running) >= jobs:
                    continue
                todo.remove(c)
                target = plan.book / specs[c].notebook
                previous = manifest["chapters"].get(c, {})
                if not force and target.exists() and previous.get("fingerprint") == plan.fingerprints[c]:
                    done[c] = "skipped"
                    plan.results.append(Result(c, "skipped"))
                    log(f"  = {c}: unchanged, skipped")
                    continue
                log(f"  > {c}: executing {specs[c].notebook}")
                future = pool.submit(_execute, c, str(ROOT / specs[c].notebook), str(target),
                                     plan.overrides.get(c, {}), str(target.parent), len(running))
                running[future] = c
            if not running:
                continue
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                c = running.pop(future)
                result = future.result()
                done[c] = result.status
                plan.results.append(result)
                if result.status == "executed":
                    manifest["chapters"][c] = {"fingerprint": plan.fingerprints[c], "parameters": plan.values[c]}
                    write_manifest(plan.book, manifest)
                    log(f"  ✓ {c}: executed in {result.seconds:.1f} s")
                else:
                    log(f"  ✗ {c}: FAILED at {result.error}")
    return plan.results
