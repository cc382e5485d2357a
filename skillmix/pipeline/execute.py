"""Execute chapters with papermill: in dependency order, in parallel, skipping unchanged ones.

A chapter's notebook and its outputs (`outputs/<chapter>/`) are one unit. The notebook is
executed into a temporary file and its outputs are written to a staging folder
(`_build/stage/`); only when the whole chapter has succeeded are both moved into place. A
failed or interrupted chapter leaves the previous notebook and outputs as they were, and the
failed notebook is kept under `_build/failed/` (`failed_notebook`). A chapter is skipped only when its input
fingerprint and the digest of its outputs both match the manifest.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..core.chapter_spec import chapters, shown
from ..core.hashing import folder_digest
from ..core.paths import BUILD, OUTPUTS_ENV, ROOT
from . import early_start, notebooks
from .manifest import read_manifest, write_manifest
from .plan import Plan

KERNEL_START_ATTEMPTS = 3
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond")
STAGE, TMP = BUILD / "stage", early_start.TMP
NOT_RUN = ("failed", "blocked")  # statuses of a chapter whose outputs are not there to build on
SAID = {  # how the run's log reports each outcome
    "executed": "✓ {c}: executed in {result.seconds:.1f} s",
    "skipped": "= {c}: unchanged, skipped",
    "blocked": "- {c}: not run, a chapter it depends on failed",
    "failed": "✗ {c}: FAILED at {result.error}",
}
# Each kernel is stopped at once when its notebook has run (its outputs are written by then),
# not asked to shut down and waited for (0.3-0.7 s a chapter), and keeps no IPython history
# (cells would go into the user's ~/.ipython history database, shared by parallel kernels).
KERNEL_OPTIONS = {"shutdown_kernel": "immediate", "extra_arguments": ["--HistoryManager.enabled=False"]}


@dataclass
class Result:
    chapter: str
    status: str  # executed | skipped | failed | blocked
    seconds: float = 0.0
    error: str = ""
    bad_input: bool = False  # the chapter stopped on an InputError (bad data or parameters)


@dataclass(frozen=True)
class ChapterTask:
    """One chapter to execute: what a worker needs (plain values, so it pickles)."""

    chapter: str
    source: str  # the notebook to execute (the committed one)
    target: str  # where the executed notebook goes
    parameters: dict
    cwd: str
    run_id: str  # prefix of this run's temporary files
    position: int = 0  # of the chapter's progress bar
    progress: bool = True
    failed: str = ""  # where the notebook of a failed execution is kept
    wait_for: tuple[str, ...] = ()  # chapters still running when this one was handed out
    preload: tuple[str, ...] = ()  # modules to load into the kernel while it waits for them


def outputs_folder(notebook: Path, chapter: str) -> Path:
    """Where a chapter's outputs live: `outputs/<chapter>/` beside its notebook."""
    return Path(notebook).parent / "outputs" / chapter


def _install(staged: Path, final: Path, nb, target: Path) -> None:
    """Move a succeeded chapter's outputs and notebook into place, replacing the old ones."""
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        os.replace(final, old)
    if staged.exists():
        os.replace(staged, final)
    notebooks.write_atomic(nb, target)
    shutil.rmtree(old, ignore_errors=True)


def ipc_prefix(run_id: str) -> Path:
    """Where a kernel of run `run_id` puts its sockets: the system's temporary folder (a socket's
    path must stay under about 100 characters, which a project's folder may not allow), under a
    name of the run's, so that `remove_temporaries` finds what a killed kernel leaves."""
    return Path(tempfile.gettempdir()) / f"skillmix-{run_id}-{uuid.uuid4().hex[:12]}"


def _kernel_manager(env: dict, managers: list, run_id: str):
    """A kernel manager class whose kernels get `env` on top of this process's environment and
    talk over local IPC sockets, and which appends each manager to `managers` and keeps the
    clients it makes.

    Passing the variables to the kernel (rather than setting them in this process) lets several
    chapters run at once in one process, as the threads of a Dask worker may. IPC rather than
    TCP: nothing listens on a network port, kernels started at the same moment cannot race for
    one, and the kernels do not warn that TCP traffic is unencrypted.
    """
    from jupyter_client import AsyncKernelManager

    class ChapterKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            kw["env"] = {**os.environ, **kw.get("env", {}), **env}
            self.transport, self.ip = "ipc", str(ipc_prefix(run_id))
            self.clients = []
            managers.append(self)
            return await super().start_kernel(**kw)

        def client(self, **kw):
            self.clients.append(super().client(**kw))
            return self.clients[-1]

    return ChapterKernelManager


def _papermill(task: ChapterTask, tmp: Path, env: dict, ready: list) -> None:
    """Execute the task's notebook into `tmp`; with `task.wait_for`, the kernel waits for those
    chapters before the first cell (`early_start`), and the time they were ready goes into `ready`."""
    import papermill

    progress = {"desc": task.chapter, "position": task.position, "mininterval": 2} if task.progress else False
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        managers: list = []
        hook = (
            early_start.waiting_hook(task.run_id, task.wait_for, task.preload, managers, ready)
            if task.wait_for
            else None
        )
        try:
            papermill.execute_notebook(
                task.source,
                str(tmp),
                parameters=task.parameters or None,
                cwd=task.cwd,
                kernel_name="python3",
                request_save_on_cell_execute=False,
                progress_bar=progress,
                kernel_manager_class=_kernel_manager(env, managers, task.run_id),
                on_notebook_start=hook,
                **KERNEL_OPTIONS,
            )
            return
        except RuntimeError as exc:
            # A kernel that dies or does not answer before running any cell (seen on a
            # machine under heavy load) can be started again safely.
            if not str(exc).startswith(KERNEL_START_FAILURES) or attempt == KERNEL_START_ATTEMPTS:
                raise
            print(f"  ! {task.chapter}: kernel failed to start ({exc}); retrying", flush=True)


def chapter_task(
    plan: Plan, chapter: str, run_id: str, position: int = 0, progress: bool = True, wait_for: tuple = ()
) -> ChapterTask:
    spec = chapters()[chapter]
    target = plan.book / spec.notebook
    preload = early_start.setup_modules(notebooks.read(ROOT / spec.notebook)) if wait_for else ()
    return ChapterTask(
        chapter,
        str(ROOT / spec.notebook),
        str(target),
        plan.overrides.get(chapter, {}),
        str(target.parent),
        run_id,
        position,
        progress,
        str(failed_notebook(plan, chapter)),
        tuple(wait_for),
        preload,
    )


def failed_notebook(plan: Plan, chapter: str) -> Path:
    """Where a failed chapter's notebook is kept: `_build/failed/<chapter>.ipynb` for the default
    book, `_build/failed/<run>/<chapter>.ipynb` for a named run (runs of a sweep may fail at once)."""
    return BUILD / "failed" / ("" if plan.is_default else plan.book.name) / f"{chapter}.ipynb"


def run_chapter(task: ChapterTask) -> Result:
    """Worker: execute one chapter into staging and install it on success."""
    from papermill.exceptions import PapermillExecutionError

    chapter, started, ready = task.chapter, time.monotonic(), []
    tmp = TMP / f"{task.run_id}-{chapter}.ipynb"
    stage = STAGE / f"{task.run_id}-{chapter}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        _papermill(task, tmp, {OUTPUTS_ENV: str(stage)}, ready)  # read by skillmix.publish in the kernel
    except early_start.InputsNotMade as exc:
        shutil.rmtree(stage, ignore_errors=True)
        return Result(chapter, "blocked", error=str(exc))
    except Exception as exc:  # noqa: BLE001 - every failure is reported and kept
        failed = Path(task.failed)
        failed.parent.mkdir(parents=True, exist_ok=True)
        if tmp.exists():
            os.replace(tmp, failed)
        shutil.rmtree(stage, ignore_errors=True)
        bad_input = isinstance(exc, PapermillExecutionError) and exc.ename == "InputError"
        if isinstance(exc, PapermillExecutionError):
            message = f"cell {exc.cell_index} (execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
        else:
            message = f"{type(exc).__name__}: {exc}"
        return Result(
            chapter,
            "failed",
            time.monotonic() - started,
            f"{message}; failed notebook kept at {failed.relative_to(ROOT)}",
            bad_input,
        )
    executed = notebooks.strip_volatile(notebooks.read(tmp))
    notebooks.show_parameters(executed, task.parameters, shown(chapter, task.parameters))
    _install(stage / chapter, outputs_folder(Path(task.target), chapter), executed, Path(task.target))
    tmp.unlink()
    shutil.rmtree(stage, ignore_errors=True)
    return Result(chapter, "executed", time.monotonic() - (ready[-1] if ready else started))


def record(plan: Plan, chapter: str, manifest: dict | None = None) -> None:
    """Record an executed chapter in its book's manifest (fingerprint, outputs digest, parameters)."""
    manifest = manifest if manifest is not None else read_manifest(plan.book)
    target = plan.book / chapters()[chapter].notebook
    manifest["chapters"][chapter] = {
        "fingerprint": plan.fingerprints[chapter],
        "outputs": folder_digest(outputs_folder(target, chapter)),
        "parameters": shown(chapter, plan.values[chapter]),
    }
    write_manifest(plan.book, manifest)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and their kernels in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor, run_id: str) -> None:
    """Stop the workers and their kernels, and remove this run's temporary files."""
    import psutil

    workers = [psutil.Process(p.pid) for p in list((pool._processes or {}).values()) if p.is_alive()]
    children = [c for w in workers for c in w.children(recursive=True)]
    for process in children + workers:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(children + workers, timeout=10)
    pool.shutdown(wait=False, cancel_futures=True)
    remove_temporaries(run_id)


def remove_temporaries(run_id: str) -> None:
    """Remove a run's staged outputs, temporary notebooks and the sockets of killed kernels."""
    for leftover in ipc_prefix(run_id).parent.glob(f"skillmix-{run_id}-*"):
        leftover.unlink(missing_ok=True)
    for folder in (STAGE, TMP):
        for leftover in folder.glob(f"{run_id}-*"):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)


def unchanged(plan: Plan, chapter: str, manifest: dict) -> bool:
    """True when the chapter's fingerprint and outputs digest both match the manifest."""
    target = plan.book / chapters()[chapter].notebook
    previous = manifest["chapters"].get(chapter, {})
    return (
        target.exists()
        and previous.get("fingerprint") == plan.fingerprints[chapter]
        and previous.get("outputs") == folder_digest(outputs_folder(target, chapter))
    )


def critical_first(selected: list[str]) -> list[str]:
    """The chapters in the order to start them when a worker is free: those with the longest
    chain of chapters waiting on them first (ties in book order), so that the chain that
    bounds the run's time starts as early as it can."""
    specs = chapters()
    waiting = {c: [d for d in selected if c in specs[d].depends_on] for c in selected}
    chain: dict[str, int] = {}

    def length(c: str) -> int:
        if c not in chain:
            chain[c] = 1 + max((length(d) for d in waiting[c]), default=0)
        return chain[c]

    return sorted(selected, key=lambda c: (-length(c), selected.index(c)))


def execute(plan: Plan, force: bool = False, jobs: int | None = None, log=print) -> list[Result]:
    """Run the plan's chapters, independent ones in parallel, dependents after their inputs.

    One worker more than `jobs` is kept for a chapter whose inputs are all being made: its
    kernel starts and waits for them (`early_start`), so that it is ready when they are. On Ctrl-C (KeyboardInterrupt)
    the workers and their kernels are stopped, this run's temporary files removed, and the
    interrupt re-raised; nothing half-made is installed.
    """
    specs = chapters()
    manifest = read_manifest(plan.book)
    todo = critical_first(plan.selected)
    done: dict[str, str] = {}  # chapter -> status
    running = {}
    jobs = jobs or os.cpu_count() or 1
    run_id = str(os.getpid())
    pool = ProcessPoolExecutor(max_workers=jobs + 1, initializer=_ignore_interrupts)

    def inputs(c: str) -> list[str]:
        return [d for d in specs[c].depends_on if d in plan.selected]

    waits: dict[str, tuple] = {}  # chapter -> the chapters it was handed out to wait for

    def executing() -> int:
        return sum(all(d in done for d in waits.get(c, ())) for c in running.values())

    def submit(c: str, wait_for: tuple = ()) -> None:
        todo.remove(c)
        waits[c] = wait_for
        waiting = f" (kernel starting while {', '.join(wait_for)} run)" if wait_for else ""
        log(f"  > {c}: executing {specs[c].notebook}{waiting}")
        task = chapter_task(plan, c, run_id, len(running), wait_for=wait_for)
        running[pool.submit(run_chapter, task)] = c

    def settle(result: Result) -> None:
        """Record a chapter's outcome, say it, and report it to any kernel waiting for it."""
        c = result.chapter
        done[c] = result.status
        plan.results.append(result)
        if result.status == "executed":
            record(plan, c, manifest)
        log(f"  {SAID[result.status]}".format(c=c, result=result))
        early_start.report(run_id, c, result.status)

    try:
        while todo or running:
            for c in list(todo):
                if any(done.get(d) in NOT_RUN for d in inputs(c)):
                    todo.remove(c)
                    settle(Result(c, "blocked", error=f"not run: depends on {', '.join(inputs(c))}"))
                elif all(d in done for d in inputs(c)) and executing() < jobs and len(running) <= jobs:
                    if not force and unchanged(plan, c, manifest):
                        todo.remove(c)
                        settle(Result(c, "skipped"))
                    else:
                        submit(c)
            for c in [c for c in todo if not any(d in todo for d in inputs(c))]:
                wait_for = tuple(d for d in inputs(c) if d not in done)
                if wait_for and len(running) <= jobs and (force or not unchanged(plan, c, manifest)):
                    submit(c, wait_for)
            if not running:
                continue
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                running.pop(future)
                settle(future.result())
    except BaseException:
        _stop(pool, run_id)
        raise
    pool.shutdown(wait=True)
    remove_temporaries(run_id)
    return plan.results
