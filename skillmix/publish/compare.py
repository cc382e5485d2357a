"""`python -m skillmix compare`: what changes between runs, as CSV files and an HTML page.

Reads the claims ledger of the default book and of each named (finished) run, compares them
value by value (`overview.sensitivity`) and writes `_build/compare/`: `sensitivity.csv` (every
value of every run beside the default), `values_changed.csv`, `findings_held.csv` and
`index.html`. With `--record` it also writes the sweep's ledgers and parameters into
`data/sensitivity/`, which the book's sensitivity appendix and key findings read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from ..core import datapackage, runs
from ..core.errors import InputError
from ..core.ledger_values import ledger_file, load_ledger
from ..core.parameter_sets import parameter_sets
from ..core.paths import BUILD, ROOT, relative
from ..overview import key_findings, sensitivity
from .page import standalone_page

OUT = BUILD / "compare"


def _ledger(book: Path) -> pd.DataFrame:
    return load_ledger(ledger_file(book / "chapters" / "outputs"))[["chapter", "key", "value", "data"]]


def run_names(names: list[str], all_runs: bool, sweep: str | None) -> list[str]:
    """The runs to compare: named, every finished run, or the runs of a sweep file."""
    chosen = list(names)
    if all_runs:
        chosen += runs.finished_runs()
    if sweep:
        chosen += [name for name in parameter_sets([], sweep) if name is not None]
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        raise InputError("no runs to compare: name runs, or give --all or -f SWEEP", allowed=runs.finished_runs())
    return [runs.check_finished(name, "compare") for name in chosen]


def collect(names: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ledgers (default first) and each run's parameters, long."""
    ledgers = [_ledger(ROOT).assign(run=sensitivity.DEFAULT)]
    parameters = []
    for name in names:
        book = runs.folder(name)
        ledgers.append(_ledger(book).assign(run=name))
        status = json.loads((book / runs.STATUS_FILE).read_text(encoding="utf-8"))
        for chapter, values in sorted(status["parameters"].items()):
            parameters += [(name, chapter, p, str(v)) for p, v in sorted(values.items())]
    ledger = pd.concat(ledgers, ignore_index=True)[["run", "chapter", "key", "value", "data"]]
    return ledger, pd.DataFrame(parameters, columns=["run", "chapter", "parameter", "value"])


def compare_runs(names: list[str], record: bool = False, out: Path = OUT, log=print) -> Path:
    ledgers, parameters = collect(names)
    sweep = sensitivity.Sweep.of(ledgers, key_findings.load_findings(), parameters)
    comparison, held, items = sweep.comparison, sweep.held, sweep.tables()
    out.mkdir(parents=True, exist_ok=True)
    comparison.to_csv(out / "sensitivity.csv", index=False)
    for table in items:
        table.download.to_csv(out / f"{table.name}.csv", index=False)
    changed = sweep.changed_keys()
    intro = [
        f"{len(names)} run(s) compared with the default book, value by value: "
        f"{int(changed.sum())} of {len(changed)} glued values changed in at least one run; "
        f"{int(held['held'].sum())} of {len(held)} key findings held in every run.",
        "Numbers are compared as numbers (the difference is the run's value minus the default's); "
        "any other value is compared as text.",
    ]
    page = out / "index.html"
    page.write_text(standalone_page("What changes between runs", intro, items), encoding="utf-8")
    log(intro[0])
    log(f"Written: {relative(out)}/ (sensitivity.csv, values_changed.csv, findings_held.csv, index.html)")
    if record:
        sensitivity.SWEEP.mkdir(parents=True, exist_ok=True)
        ledgers.to_csv(sensitivity.LEDGERS, index=False)
        parameters.to_csv(sensitivity.RUNS, index=False)
        datapackage.refresh()
        log(f"Recorded the sweep in {relative(sensitivity.SWEEP)}/ and refreshed data/datapackage.json")
    return page


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmix compare",
        description="Every glued value of finished runs beside the default book's, written to _build/compare/.",
    )
    parser.add_argument("runs", nargs="*", help="names of finished runs under _build/runs/")
    parser.add_argument("--all", action="store_true", help="every finished run")
    parser.add_argument("-f", "--file", help="a sweep file: compare its runs")
    parser.add_argument(
        "--record", action="store_true", help="also record the ledgers in data/sensitivity/ (the book's sweep)"
    )
    args = parser.parse_args(argv)
    try:
        page = compare_runs(run_names(args.runs, args.all, args.file), record=args.record)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Page: {page.relative_to(ROOT)}")
    return 0
