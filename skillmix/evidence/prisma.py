"""PRISMA 2020 flow of the evidence review, computed from the screening log and the records.

Counts (never typed):

* identified = included records + every candidate in the screening log (duplicates too);
* duplicates removed before screening = log rows with reason `duplicate`;
* screened = identified - duplicates;
* excluded, by reason = the other log rows, one count per reason of `vocab.EXCLUSION_REASONS`;
* included = the records.

`check` proves the stages add up; `plots.prisma_flow` draws the diagram from the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core import vocab
from ..core.labels import REASON_LABELS


@dataclass(frozen=True)
class PrismaCounts:
    identified: int
    duplicates: int
    screened: int
    excluded: dict = field(default_factory=dict)  # reason -> count, in vocabulary order, duplicates left out
    included: int = 0
    outside_run: int = 0  # included records outside a run's parameters (0 for the default run)

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def in_run(self) -> int:
        return self.included - self.outside_run

    def check(self) -> None:
        """Raise ValueError unless every stage adds up."""
        problems = []
        if self.identified != self.duplicates + self.screened:
            problems.append(f"identified {self.identified} != duplicates {self.duplicates} + screened {self.screened}")
        if self.screened != self.excluded_total + self.included:
            problems.append(f"screened {self.screened} != excluded {self.excluded_total} + included {self.included}")
        if (
            min(
                [
                    self.identified,
                    self.duplicates,
                    self.screened,
                    self.included,
                    self.outside_run,
                    *self.excluded.values(),
                ]
            )
            < 0
        ):
            problems.append("a count is negative")
        if self.outside_run > self.included:
            problems.append("more records outside the run than included")
        if problems:
            raise ValueError("PRISMA counts do not add up: " + "; ".join(problems))

    def table(self) -> pd.DataFrame:
        """The counts as a tidy table (stage, reason, label, n) for the chapter and its CSV."""
        rows = [
            ("identified", "", "Records identified", self.identified),
            ("removed_before_screening", "duplicate", "Duplicate records removed", self.duplicates),
            ("screened", "", "Records screened", self.screened),
        ]
        rows += [("excluded", reason, REASON_LABELS[reason], n) for reason, n in self.excluded.items()]
        rows += [
            ("excluded_total", "", "Records excluded", self.excluded_total),
            ("included", "", "Records included in the review", self.included),
        ]
        if self.outside_run:
            rows += [
                ("outside_run", "", "Included records outside this run's parameters", self.outside_run),
                ("in_run", "", "Records in this run's synthesis", self.in_run),
            ]
        return pd.DataFrame(rows, columns=["stage", "reason", "label", "n"])


def counts(records: pd.DataFrame, exclusions: pd.DataFrame, selected: pd.DataFrame | None = None) -> PrismaCounts:
    """PRISMA counts from the records and the screening log; checked before returning.

    `selected`, if given, is the subset of records a parameterised run keeps; the records
    left out are counted as `outside_run` (a box of its own in the diagram).
    """
    reasons = exclusions["reason"].value_counts()
    duplicates = int(reasons.get("duplicate", 0))
    excluded = {r: int(reasons.get(r, 0)) for r in vocab.EXCLUSION_REASONS if r != "duplicate"}
    included = len(records)
    identified = included + len(exclusions)
    outside = 0 if selected is None else included - len(selected)
    result = PrismaCounts(
        identified=identified,
        duplicates=duplicates,
        screened=identified - duplicates,
        excluded=excluded,
        included=included,
        outside_run=outside,
    )
    result.check()
    return result
