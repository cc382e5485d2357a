"""Command line: `python -m skillmix list | run | build`."""

from __future__ import annotations

import argparse
import sys
import time

import yaml

from ..core import datapackage
from ..core.chapter_spec import chapters
from ..core.errors import InputError
from ..core.paths import ROOT
from . import execute
from . import plan as planning
from .build import build_book


def _list(args) -> int:
    for name, spec in chapters().items():
        deps = f" (after {', '.join(spec.depends_on)})" if spec.depends_on else ""
        print(f"{name}: {spec.notebook}{deps}")
        for param in spec.parameters.values():
            print(f"    {param.describe()}")
        if not spec.parameters:
            print("    (no parameters)")
    return 0


def _parameter_sets(args) -> dict[str | None, dict]:
    """Name -> overrides, from -p pairs and/or a -f YAML file.

    The file holds either one flat mapping of NAME: VALUE, or `runs:` mapping run names to
    such mappings (one book per parameter set).
    """
    overrides = {name: value for name, value in args.parameter}
    if not args.file:
        return {args.name: overrides}
    loaded = yaml.safe_load(open(args.file)) or {}
    if "runs" in loaded:
        return {name: {**values, **overrides} for name, values in loaded["runs"].items()}
    return {args.name: {**loaded, **overrides}}


def _run(args) -> int:
    started = time.monotonic()
    try:
        plans = [
            planning.make_plan(args.chapters, overrides, name) for name, overrides in _parameter_sets(args).items()
        ]
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for plan in plans:
        where = "chapters/" if plan.is_default else plan.book.relative_to(ROOT).as_posix() + "/"
        print(f"Run into {where}: {len(plan.selected)} chapter(s)")
        planning.prepare_book(plan)
        results = execute.execute(plan, force=args.force, jobs=args.jobs)
        counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed", "blocked")}
        failed += counts["failed"] + counts["blocked"]
        for r in results:
            if r.status == "failed":
                print(
                    f"error: chapter '{r.chapter}' ({chapters()[r.chapter].notebook}) failed at {r.error}",
                    file=sys.stderr,
                )
        if not counts["failed"] and not counts["blocked"] and not args.no_build:
            index = build_book(plan.book)
            print(f"Book: {index.relative_to(ROOT)}")
        print(
            f"Summary: {counts['executed']} executed, {counts['skipped']} unchanged, "
            f"{counts['failed']} failed, {counts['blocked']} not run; {time.monotonic() - started:.1f} s"
        )
    return 1 if failed else 0


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
    run.add_argument("--jobs", type=int, help="chapters executed at once (default: number of cores)")
    run.add_argument("--no-build", action="store_true", help="execute only; do not build the HTML book")
    sub.add_parser("build", help="build the HTML book from the committed notebooks")
    dp = sub.add_parser(
        "datapackage", help="refresh data/datapackage.json (sizes, hashes, schemas) and validate the data"
    )
    dp.add_argument("--check", action="store_true", help="validate only; change nothing")
    args = parser.parse_args(argv)
    commands = {"list": _list, "run": _run, "build": _build, "datapackage": _datapackage}
    return commands[args.command](args)
