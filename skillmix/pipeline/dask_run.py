"""Run a sweep on Dask: every (parameter set, chapter) is one task, and each run's book build
one more task after its chapters.

Without a scheduler address a `dask.distributed.LocalCluster` (one process per worker, one
thread each) is started and closed; with one, the tasks go to that cluster, however it was
deployed. Dask places the tasks; the dependencies between a run's chapters are the task
graph's, so a chapter starts only when those it depends on have finished.

The contract with the workers: each has this repository at the same path and the same
environment (a shared filesystem, or one image with the repository mounted at the same
place). Workers write each chapter's notebook and outputs into the run's folder under
`_build/runs/` (staged, then moved into place, as in a local run) and record it in the run's
manifest under a Dask lock; what comes back to this process is a small `Result` per task.
A failed task fails only its run; the sweep goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..core.chapter_spec import chapters
from ..core.errors import InputError
from ..core.paths import ROOT
from .build import build_book
from .execute import NOT_RUN, Result, chapter_task, record, remove_temporaries, run_chapter, unchanged
from .manifest import read_manifest
from .plan import Plan


@dataclass(frozen=True)
class BuildResult:
    book: str
    ok: bool
    error: str = ""


def _same_checkout(root: str) -> None:
    if str(ROOT) != root:
        raise InputError(
            f"a Dask worker sees this project at {ROOT}, the client at {root}; "
            "every worker needs the same checkout at the same path (see README, 'Sweeps on Dask')"
        )


def _chapter(root: str, plan: Plan, chapter: str, run_id: str, *upstream: Result) -> Result:
    """Task: execute one chapter of one run, unless a chapter it depends on did not run."""
    _same_checkout(root)
    stopped = [r.chapter for r in upstream if r.status in NOT_RUN]
    if stopped:
        return Result(chapter, "blocked", error=f"not run: depends on {', '.join(stopped)}")
    result = run_chapter(chapter_task(plan, chapter, run_id, progress=False))
    if result.status == "executed":
        from distributed import Lock

        with Lock(f"skillmix-manifest-{plan.book}"):
            record(plan, chapter)
    return result


def _build(root: str, plan: Plan, *results: Result) -> BuildResult:
    """Task: build one run's HTML book once all its chapters have run."""
    _same_checkout(root)
    stopped = [r.chapter for r in results if r.status in NOT_RUN]
    if stopped:
        return BuildResult(plan.book.name, False, f"not built: {', '.join(stopped)} did not run")
    try:
        build_book(plan.book, log=lambda _: None)
    except SystemExit as exc:
        return BuildResult(plan.book.name, False, str(exc))
    return BuildResult(plan.book.name, True)


def _kill_kernels() -> int:
    """Run on each worker after a cancel: stop the kernels its tasks started."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    return len(children)


def _run_id(plan: Plan) -> str:
    return f"{os.getpid()}-{plan.book.name}"


def _submit(client, plan: Plan, force: bool, build: bool) -> dict:
    """Submit one run's chapters (and its build); future -> (plan, what)."""
    specs, manifest, root = chapters(), read_manifest(plan.book), str(ROOT)
    done: dict = {}  # chapter -> Future or Result
    futures = {}
    for c in plan.selected:
        if not force and unchanged(plan, c, manifest):
            done[c] = Result(c, "skipped")
            plan.results.append(done[c])
            continue
        upstream = [done[d] for d in specs[c].depends_on if d in done]
        done[c] = client.submit(_chapter, root, plan, c, _run_id(plan), *upstream, key=f"{plan.book.name}/{c}")
        futures[done[c]] = (plan, c)
    if build:
        futures[client.submit(_build, root, plan, *done.values(), key=f"{plan.book.name}/build")] = (plan, None)
    return futures


def execute_sweep(plans: list[Plan], force=False, build=True, scheduler=None, workers=None, log=print) -> dict:
    """Run every plan on Dask; fill each plan's results; return book name -> BuildResult."""
    from distributed import Client, LocalCluster, as_completed
    from tqdm.auto import tqdm

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None, processes=True
        )
    client = Client(scheduler or cluster)
    built: dict[str, BuildResult] = {}
    futures: dict = {}
    try:
        log(f"Dask: {len(client.scheduler_info()['workers'])} worker(s) at {client.scheduler.address}")
        for plan in plans:
            futures.update(_submit(client, plan, force, build))
        with tqdm(total=len(futures), desc="sweep", unit="task") as bar:
            for future in as_completed(futures):
                plan, chapter = futures[future]
                outcome = _outcome(future, plan, chapter)
                if chapter is None:
                    built[plan.book.name] = outcome
                else:
                    plan.results.append(outcome)
                bar.write(_line(plan, chapter, outcome))
                bar.update()
    except BaseException:
        client.cancel(list(futures), force=True)
        client.run(_kill_kernels)
        for plan in plans:
            remove_temporaries(_run_id(plan))
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return built


def _outcome(future, plan: Plan, chapter: str | None):
    """The task's result; a task that raised (a worker lost, say) counts as failed."""
    if future.status == "finished":
        return future.result()
    error = f"{type(future.exception()).__name__}: {future.exception()}"
    return BuildResult(plan.book.name, False, error) if chapter is None else Result(chapter, "failed", error=error)


def _line(plan: Plan, chapter: str | None, outcome) -> str:
    where = plan.book.name
    if chapter is None:
        return f"  {'✓' if outcome.ok else '✗'} {where}: book {'built' if outcome.ok else outcome.error}"
    marks = {"executed": "✓", "failed": "✗", "blocked": "-"}
    detail = f"executed in {outcome.seconds:.1f} s" if outcome.status == "executed" else outcome.error
    return f"  {marks[outcome.status]} {where}/{chapter}: {detail}"
