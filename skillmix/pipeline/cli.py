"""Command line: `python -m skillmix list | run | build`."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from ..core import datapackage, runs
from ..core.chapter_spec import chapters
from ..core.errors import InputError
from ..core.paths import ROOT
from . import execute, preflight
from . import plan as planning
from .build import build_book
from .parameter_sets import parameter_sets

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
        plans = [planning.make_plan(args.chapters, overrides, name) for name, overrides in sets.items()]
        books = [plan.book for plan in plans]
        if len(set(books)) != len(books):
            raise InputError("two parameter sets would write the same run folder; give them different names")
        preflight.check_plans(plans)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    worst = EXIT_OK
    for plan in plans:
        worst = max(worst, _run_plan(plan, args, started))
    return worst


def _run_plan(plan, args, started) -> int:
    """Execute one plan (and build its book); the exit code it deserves."""
    where = "chapters/" if plan.is_default else plan.book.relative_to(ROOT).as_posix() + "/"
    print(f"Run into {where}: {len(plan.selected)} chapter(s)")
    planning.prepare_book(plan)
    if not plan.is_default:
        runs.write_status(plan.book, "running", plan.overrides)
    try:
        results = execute.execute(plan, force=args.force, jobs=args.jobs)
    except KeyboardInterrupt:
        if not plan.is_default:
            runs.write_status(plan.book, "interrupted", plan.overrides)
        raise
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed", "blocked")}
    for r in results:
        if r.status == "failed":
            print(
                f"error: chapter '{r.chapter}' ({chapters()[r.chapter].notebook}) failed at {r.error}", file=sys.stderr
            )
    ok = not counts["failed"] and not counts["blocked"]
    if ok and not args.no_build:
        try:
            index = build_book(plan.book)
        except SystemExit:
            if not plan.is_default:
                runs.write_status(plan.book, "failed", plan.overrides)
            raise
        print(f"Book: {index.relative_to(ROOT)}")
    if not plan.is_default:
        runs.write_status(plan.book, "finished" if ok else "failed", plan.overrides)
    print(
        f"Summary: {counts['executed']} executed, {counts['skipped']} unchanged, "
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
    run.add_argument("--jobs", type=_positive, help="chapters executed at once (default: number of cores)")
    run.add_argument("--no-build", action="store_true", help="execute only; do not build the HTML book")
    sub.add_parser("build", help="build the HTML book from the committed notebooks")
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
