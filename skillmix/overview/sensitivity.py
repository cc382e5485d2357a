"""What changes between runs: every glued value of each run beside the default book's.

Each run's claims ledger (`outputs/claims_ledger/claims_ledger.csv`) lists every value its
chapters glued. Comparing them key by key with the default book's ledger says which values a
parameter choice changes, by how much where the values are numbers, and so which key
findings (`data/book/key_findings.yml`, whose sentences are made of glued values) hold across
a sweep of runs. A committed sweep (`data/sensitivity/`) feeds the book's sensitivity
appendix and the marks on its key findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.artifacts import Table
from ..core.chapter_spec import chapters
from ..core.csv_input import read_csv
from ..core.errors import InputError
from ..core.ledger_values import PLACEHOLDER, SYNTHETIC
from ..core.paths import DATA, relative

SWEEP = DATA / "sensitivity"
LEDGERS = SWEEP / "sweep_ledgers.csv"  # run, chapter, key, value, data
RUNS = SWEEP / "sweep_runs.csv"  # run, chapter, parameter, value
DEFAULT = "default"
NUMBER = re.compile(r"^(?P<sign>[-−]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<percent>%?)$")


def number(text) -> float | None:
    """The number a glued value is (`1,234`, `-0.5`, `27.5%`), or None for any other text."""
    match = NUMBER.match(str(text).strip())
    if not match:
        return None
    value = float(match["digits"].replace(",", "") + (match["fraction"] or ""))
    return -value if match["sign"] else value


def load_ledgers(path: Path = LEDGERS) -> pd.DataFrame:
    """A sweep's ledgers, one row per run and glued value."""
    return read_csv(path, ("run", "chapter", "key", "value", "data"), what="sweep ledgers")


def load_runs(path: Path = RUNS) -> pd.DataFrame:
    """A sweep's runs and the parameters each changed."""
    return read_csv(path, ("run", "chapter", "parameter", "value"), what="sweep runs")


def compare(default: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per run and glued value: the default book's value, the run's, whether it changed
    and, where both are numbers, by how much (run minus default, in the value's own unit).

    A value the default book glued but a run did not (or the other way round) is a change."""
    base = default[["chapter", "key", "value", "data"]].rename(columns={"value": DEFAULT})
    out = []
    for run, ledger in runs.groupby("run", sort=False):
        both = base.merge(ledger[["chapter", "key", "value"]], on=["chapter", "key"], how="outer")
        both.insert(0, "run", run)
        out.append(both)
    if not out:
        raise InputError("no runs to compare")
    table = pd.concat(out, ignore_index=True)
    table["changed"] = table[DEFAULT].fillna("\0missing") != table["value"].fillna("\0missing")
    table["difference"] = [
        b - a if a is not None and b is not None else None
        for a, b in zip(table[DEFAULT].map(number), table["value"].map(number), strict=True)
    ]
    table["data"] = table["data"].fillna("")
    return table[["run", "chapter", "key", DEFAULT, "value", "changed", "difference", "data"]]


def run_labels(comparison: pd.DataFrame) -> dict:
    """Run name -> "Run 1", "Run 2", ... in the sweep's order (the runs table shows both)."""
    return {run: f"Run {i}" for i, run in enumerate(dict.fromkeys(comparison["run"]), start=1)}


def chapter_label(chapter: str) -> str:
    """'Chapter 2' or 'Appendix G' for a chapter of chapters.yml; the name itself otherwise."""
    specs = chapters()
    label = specs[chapter].label if chapter in specs else ""
    if not label:
        return chapter.replace("_", " ")
    return f"{'Chapter' if label.isdigit() else 'Appendix'} {label}"


def _shown(value) -> str:
    """A value as the table shows it: '(none)' when missing, long decimals to three places
    (the CSV keeps every digit)."""
    if pd.isna(value):
        return "(none)"
    return re.sub(r"(?<![\w.,/])\d+\.\d{4,}(?![\w.,/])", lambda m: f"{float(m[0]):.3f}", str(value))


def changed_values(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per glued value that changed in any run: chapter, key, data, the default value,
    how many runs changed it, and the value in each of those runs (by run label)."""
    labels = run_labels(comparison)
    changed = comparison[comparison["changed"]]
    rows = []
    for (chapter, key), group in changed.groupby(["chapter", "key"], sort=False):
        rows.append(
            {
                "chapter": chapter_label(chapter),
                "key": key,
                "data": group["data"].iloc[0] or "not synthetic",
                DEFAULT: _shown(group[DEFAULT].iloc[0]),
                "runs changed": len(group),
                "in those runs": "; ".join(
                    f"{labels[run]}: {_shown(value)}" for run, value in zip(group["run"], group["value"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows, columns=["chapter", "key", "data", DEFAULT, "runs changed", "in those runs"])


def finding_keys(text: str) -> list[tuple[str, str]]:
    """The (chapter, key) of each value a finding's sentence uses."""
    return [tuple(m) for m in PLACEHOLDER.findall(text)]


def findings_held(comparison: pd.DataFrame, findings) -> pd.DataFrame:
    """For each key finding: how many runs changed any value it uses, and which values."""
    n_runs = comparison["run"].nunique()
    pairs = list(zip(comparison["chapter"], comparison["key"], strict=True))
    rows = []
    for finding in findings:
        keys = set(finding_keys(finding.text))
        uses = pd.Series([pair in keys for pair in pairs], index=comparison.index)
        hits = comparison[uses & comparison["changed"]]
        rows.append(
            {
                "finding": finding.id,
                "runs": n_runs,
                "runs changed": hits["run"].nunique(),
                "held": hits.empty,
                "values changed": ", ".join(dict.fromkeys(f"{c}.{k}" for c, k in zip(hits["chapter"], hits["key"]))),
                "synthetic": bool((comparison["data"][uses] == SYNTHETIC).any()),
            }
        )
    return pd.DataFrame(rows)


def held_note(row) -> str:
    """A key finding's mark: whether it held across the sweep."""
    if row["held"]:
        return f"held in all {row['runs']} runs of the sensitivity sweep"
    return f"changed in {row['runs changed']} of {row['runs']} runs of the sensitivity sweep"


def held_notes(findings, path: Path = LEDGERS) -> dict:
    """Finding id -> whether it held across the committed sweep (empty when none is recorded)."""
    ledgers = load_ledgers(path)
    if ledgers.empty:
        return {}
    held = Sweep.of(ledgers, findings).held
    return {row["finding"]: held_note(row) for _, row in held.iterrows()}


@dataclass
class Sweep:
    """A sweep compared with the default book: every glued value of every run (`comparison`),
    whether each key finding held (`held`), and the parameters each run changed (`runs`)."""

    comparison: pd.DataFrame
    held: pd.DataFrame
    runs: pd.DataFrame

    @classmethod
    def of(cls, ledgers: pd.DataFrame, findings, runs: pd.DataFrame | None = None) -> Sweep:
        """From a sweep's ledgers (the default book's under run 'default') and the key findings."""
        default, swept = split(ledgers)
        comparison = compare(default, swept)
        runs = pd.DataFrame(columns=["run", "chapter", "parameter", "value"]) if runs is None else runs
        return cls(comparison, findings_held(comparison, findings), runs)

    def changed_keys(self) -> pd.Series:
        """(chapter, key) -> whether any run changed that value."""
        return self.comparison.groupby(["chapter", "key"])["changed"].any()

    def tables(self) -> list[Table]:
        """The runs, the key findings across them, and the values that changed."""
        return [runs_table(self.runs, self.comparison), findings_table(self.held), changes_table(self.comparison)]


def split(ledgers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A sweep's ledgers as (the default book's ledger at the time of the sweep, the runs')."""
    is_default = ledgers["run"] == DEFAULT
    if not is_default.any():
        raise InputError(f"the sweep ledgers hold no '{DEFAULT}' run (the book they were compared with)")
    return ledgers[is_default].drop(columns="run"), ledgers[~is_default]


def check_current(book: pd.DataFrame, swept: pd.DataFrame) -> None:
    """Fail when the committed sweep was compared with a default book other than this one
    (`swept`: the default ledger recorded with the sweep; `book`: this book's ledger)."""
    recorded = swept.set_index(["chapter", "key"])["value"].astype(str)
    now = book.set_index(["chapter", "key"])["value"].astype(str)
    differ = sorted(f"{c}.{k}" for c, k in recorded.index.symmetric_difference(now.index))
    differ += sorted(f"{c}.{k}" for (c, k), v in recorded.items() if (c, k) in now.index and now[(c, k)] != v)
    if differ:
        raise InputError(
            "the committed sensitivity sweep was made with an earlier version of the book; rerun it with "
            "`python -m skillmix run -f data/sensitivity/sweep.yml --executor dask --no-build`, then "
            "`python -m skillmix compare -f data/sensitivity/sweep.yml --record`",
            file=relative(LEDGERS),
            value=differ[:3],
        )


def runs_table(runs: pd.DataFrame, comparison: pd.DataFrame) -> Table:
    """The runs, the parameters each changed, and how many quoted values then changed."""
    changed = comparison.groupby("run", sort=False)["changed"].sum()
    labels = run_labels(comparison)
    shown = pd.DataFrame(
        [
            {
                "run": labels[run],
                "folder": run,
                "parameters changed": "; ".join(f"{p} = {v}" for p, v in zip(g["parameter"], g["value"], strict=True)),
                "values changed": int(changed.get(run, 0)),
            }
            for run, g in runs.drop_duplicates(["run", "parameter"]).groupby("run", sort=False)
        ]
    )
    return Table(
        shown,
        name="sweep_runs",
        data=runs,
        caption="The runs of the sweep, the parameters each changed from the default book, and how many quoted "
        "values changed",
        source="The sweep file, each run's record of its parameters (run_status.json, in the run's folder "
        "under _build/runs/) and its claims ledger.",
        formats={"folder": "code", "parameters changed": "code", "values changed": "count"},
        collapse=False,
    )


def findings_table(held: pd.DataFrame) -> Table:
    frame = held.assign(result=[held_note(row) for _, row in held.iterrows()])[["finding", "result", "values changed"]]
    return Table(
        frame,
        name="findings_held",
        data=held,
        caption="Whether each key finding held across the sweep: a finding held when no value it quotes changed",
        source="Claims ledgers of the default book and of each run of the sweep, compared key by key.",
        formats={"finding": "code", "values changed": "code"},
        collapse=False,
    )


def changes_table(comparison: pd.DataFrame) -> Table:
    return Table(
        changed_values(comparison),
        name="values_changed",
        data=comparison,
        caption="Every quoted value that changed in at least one run: the default book's value and the value in "
        "each run that changed it (survey values are from synthetic data: see the data column)",
        source="Claims ledgers of the default book and of each run; the CSV has every value of every run.",
        formats={"key": "code", DEFAULT: "identifiers", "in those runs": "identifiers"},
    )
