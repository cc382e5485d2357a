"""Command line: `python -m skillmix list | run | build | datapackage` (`compare`: skillmix.publish.compare)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from ..core import datapackage, runs
from ..core.chapter_spec import chapters
from ..core.errors import InputError
from ..core.parameter_sets import parameter_sets
from ..core.paths import ROOT, relative
from . import execute, preflight
from . import plan as planning
from .build import build_book, index_page

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def _list(args) -> int:
    for name, spec in chapters().items():
        deps = f" (after {', '.join(spec.depends_on)})" if spec.depends_on else ""
        print(f"{name}: {spec.notebook}{deps}")
        for param in spec.parameters.values():
            print(f"    {param.describe()}")
        if not spec.parameters:
            print("    (no parameters)")
    return 0


def _run(args) -> int:
    started = time.monotonic()
    try:
        sets = parameter_sets(args.parameter, args.file, args.name)
        plans = [_plan(args, name, overrides) for name, overrides in sets.items()]
        books = [plan.book for plan in plans]
        if len(set(books)) != len(books):
            raise InputError("two parameter sets would write the same run folder; give them different names")
        preflight.check_plans(plans)
        if args.scheduler and args.executor != "dask":
            raise InputError("--scheduler needs --executor dask")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.executor == "dask":
        return _run_on_dask(plans, args, started)
    worst = EXIT_OK
    for plan in plans:
        worst = max(worst, _run_plan(plan, args, started))
    return worst


def _plan(args, name, overrides):
    """The plan of one parameter set; a bad value of a set from a file names the file and run."""
    try:
        return planning.make_plan(args.chapters, overrides, name)
    except InputError as exc:
        if not args.file or exc.file is not None:
            raise
        run = f"run '{name or runs.run_name(overrides)}'"
        raise InputError(
            f"{run}: {exc.problem}", file=relative(Path(args.file)), value=exc.value, allowed=exc.allowed
        ) from None


def _start(plan) -> None:
    where = "chapters/" if plan.is_default else plan.book.relative_to(ROOT).as_posix() + "/"
    print(f"Run into {where}: {len(plan.selected)} chapter(s)")
    planning.prepare_book(plan)
    if not plan.is_default:
        runs.write_status(plan.book, "running", plan.overrides)


def _mark(plan, state: str) -> None:
    if not plan.is_default:
        runs.write_status(plan.book, state, plan.overrides)


def _run_plan(plan, args, started) -> int:
    """Execute one plan on the local process pool (and build its book); its exit code."""
    _start(plan)
    try:
        execute.execute(plan, force=args.force, jobs=args.jobs)
    except KeyboardInterrupt:
        _mark(plan, "interrupted")
        raise
    built = None
    if _chapters_ok(plan) and not args.no_build:
        try:
            index = build_book(plan.book)
        except SystemExit:
            _mark(plan, "failed")
            raise
        print(f"Book: {index.relative_to(ROOT)}")
        built = True
    return _finish(plan, built, started)


def _run_on_dask(plans, args, started) -> int:
    """Execute every plan as one task graph on Dask; the worst exit code of the runs."""
    for plan in plans:
        _start(plan)
    from . import dask_run

    try:
        built = dask_run.execute_sweep(
            plans, force=args.force, build=not args.no_build, scheduler=args.scheduler, workers=args.jobs
        )
    except KeyboardInterrupt:
        for plan in plans:
            _mark(plan, "interrupted")
        raise
    worst = EXIT_OK
    for plan in plans:
        build = built.get(plan.book.name)
        if build is not None and build.ok:
            print(f"Book: {index_page(plan.book).relative_to(ROOT)}")
        elif build is not None and _chapters_ok(plan):
            print(f"error: run '{plan.book.name}': {build.error}", file=sys.stderr)
        worst = max(worst, _finish(plan, None if build is None else build.ok, started))
    return worst


def _chapters_ok(plan) -> bool:
    return not any(r.status in execute.NOT_RUN for r in plan.results)


def _finish(plan, built: bool | None, started) -> int:
    """Report a plan's failures, record its status and summary; its exit code.

    `built`: None when no book was built, else whether the build succeeded."""
    results = plan.results
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed", "blocked")}
    for r in results:
        if r.status == "failed":
            print(
                f"error: chapter '{r.chapter}' ({chapters()[r.chapter].notebook}) failed at {r.error}", file=sys.stderr
            )
    ok = _chapters_ok(plan) and built is not False
    _mark(plan, "finished" if ok else "failed")
    name = "" if plan.is_default else f"{plan.book.name}: "
    print(
        f"Summary: {name}{counts['executed']} executed, {counts['skipped']} unchanged, "
        f"{counts['failed']} failed, {counts['blocked']} not run; {time.monotonic() - started:.1f} s"
    )
    if ok:
        return EXIT_OK
    return EXIT_BAD_INPUT if any(r.bad_input for r in results) else EXIT_FAILED


def _build(args) -> int:
    index = build_book(ROOT)
    print(f"Book: {index.relative_to(ROOT)}")
    return 0


def _datapackage(args) -> int:
    if not args.check:
        datapackage.refresh()
        print(f"Refreshed sizes, hashes and schemas in {datapackage.relative(datapackage.DESCRIPTOR)}")
    found = datapackage.problems()
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(found)} problem(s) in the data package")
    return 1 if found else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skillmix", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the chapters, their parameters, defaults, types and allowed values")
    run = sub.add_parser(
        "run", help="execute chapters (default parameters refresh chapters/; overrides write _build/runs/<name>/)"
    )
    run.add_argument("chapters", nargs="*", help="chapters to run (default: all)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    run.add_argument("-f", "--file", help="YAML file of parameters, or of named parameter sets under `runs:`")
    run.add_argument("--name", help="name of the run folder under _build/runs/ (default: from the overrides)")
    run.add_argument("--force", action="store_true", help="execute even if nothing has changed")
    run.add_argument(
        "--jobs",
        type=_positive,
        help="chapters executed at once (one more kernel may start early and wait for its inputs), or "
        "LocalCluster workers (default: number of cores)",
    )
    run.add_argument("--no-build", action="store_true", help="execute only; do not build the HTML book")
    run.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local: a process pool, one run after another (default); dask: every run's chapters as one Dask task graph",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: an existing Dask scheduler (e.g. tcp://host:8786); default: a LocalCluster",
    )
    sub.add_parser("build", help="build the HTML book from the committed notebooks")
    sub.add_parser("compare", help="every glued value of finished runs beside the default book's (_build/compare/)")
    dp = sub.add_parser(
        "datapackage", help="refresh data/datapackage.json (sizes, hashes, schemas) and validate the data"
    )
    dp.add_argument("--check", action="store_true", help="validate only; change nothing")
    args = parser.parse_args(argv)
    commands = {"list": _list, "run": _run, "build": _build, "datapackage": _datapackage}
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        print(
            "interrupted: kernels stopped, temporary files removed; committed chapters and outputs unchanged",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _interrupt(signum, frame):
    """SIGTERM is handled as Ctrl-C: stop cleanly."""
    raise KeyboardInterrupt


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
