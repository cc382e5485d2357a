"""Execute chapters with papermill: in dependency order, in parallel, skipping unchanged ones.

The default run (no overrides) refreshes the committed notebooks in `chapters/`. A run with
overrides writes a whole book of its own under `_build/runs/<name>/` and never touches
`chapters/`. Each notebook is executed into a temporary file and replaces the previous one
only on success; a failed copy is kept under `_build/failed/`.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from ..core.chapter_spec import chapters
from ..core.paths import BUILD, ROOT
from . import notebooks
from .manifest import read_manifest, write_manifest
from .plan import Plan

KERNEL_START_ATTEMPTS = 3
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond")


@dataclass
class Result:
    chapter: str
    status: str  # executed | skipped | failed | blocked
    seconds: float = 0.0
    error: str = ""


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
                papermill.execute_notebook(
                    source,
                    str(tmp),
                    parameters=parameters or None,
                    cwd=cwd,
                    kernel_name="python3",
                    request_save_on_cell_execute=False,
                    progress_bar={"desc": chapter, "position": position, "mininterval": 2},
                )
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
        return Result(
            chapter,
            "failed",
            time.monotonic() - started,
            f"{message}; failed notebook kept at {failed.relative_to(ROOT)}",
        )
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
                future = pool.submit(
                    _execute,
                    c,
                    str(ROOT / specs[c].notebook),
                    str(target),
                    plan.overrides.get(c, {}),
                    str(target.parent),
                    len(running),
                )
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
