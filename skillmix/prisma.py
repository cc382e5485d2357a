"""PRISMA 2020 flow of the evidence review, computed from the screening log and the records.

Counts (never typed):

* identified = included records + every candidate in the screening log (duplicates too);
* duplicates removed before screening = log rows with reason `duplicate`;
* screened = identified - duplicates;
* excluded, by reason = the other log rows, one count per reason of `vocab.EXCLUSION_REASONS`;
* included = the records.

`check` proves the stages add up. `flow_diagram` draws a PRISMA 2020-style diagram whose
every number comes from the counts.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyBboxPatch

from .core import vocab

REASON_LABELS = {
    "duplicate": "Duplicate",
    "no_findings_visible": "No findings visible in the copies seen",
    "out_of_scope_country": "Out of scope: country",
    "out_of_scope_topic": "Out of scope: topic",
    "bibliographic_details_missing": "Bibliographic details missing",
    "superseded": "Superseded by an included record",
    "not_assessed": "Seen, not assessed in full (rapid review)",
}


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
        if min([self.identified, self.duplicates, self.screened, self.included, self.outside_run,
                *self.excluded.values()]) < 0:
            problems.append("a count is negative")
        if self.outside_run > self.included:
            problems.append("more records outside the run than included")
        if problems:
            raise ValueError("PRISMA counts do not add up: " + "; ".join(problems))

    def table(self) -> pd.DataFrame:
        """The counts as a tidy table (stage, reason, label, n) for the chapter and its CSV."""
        rows = [("identified", "", "Records identified", self.identified),
                ("removed_before_screening", "duplicate", "Duplicate records removed", self.duplicates),
                ("screened", "", "Records screened", self.screened)]
        rows += [("excluded", reason, REASON_LABELS[reason], n) for reason, n in self.excluded.items()]
        rows += [("excluded_total", "", "Records excluded", self.excluded_total),
                 ("included", "", "Records included in the review", self.included)]
        if self.outside_run:
            rows += [("outside_run", "", "Included records outside this run's parameters", self.outside_run),
                     ("in_run", "", "Records in this run's synthesis", self.in_run)]
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
    result = PrismaCounts(identified=identified, duplicates=duplicates, screened=identified - duplicates,
                          excluded=excluded, included=included, outside_run=outside)
    result.check()
    return result


# --------------------------------------------------------------------------- diagram

BOX = {"boxstyle": "round,pad=0.02,rounding_size=0.02", "linewidth": 1.2}
STAGE_COLOUR = "#0072B2"  # Okabe-Ito blue
MAIN_FACE, SIDE_FACE = "#FFFFFF", "#F2F2F2"


def _box(ax, x, y, w, h, text, face, fontsize=10.5, align="center"):
    ax.add_patch(FancyBboxPatch((x, y), w, h, facecolor=face, edgecolor="#333333", **BOX))
    tx = x + w / 2 if align == "center" else x + 0.12
    ax.text(tx, y + h / 2, text, ha=align, va="center", fontsize=fontsize, linespacing=1.35, wrap=False)


def _arrow(ax, start, end):
    ax.annotate("", xy=end, xytext=start,
                arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.3, "mutation_scale": 14})


def _wrap(text, width):
    return "\n".join(textwrap.wrap(text, width))


def flow_diagram(c: PrismaCounts, source_label: str = "targeted searches of stored copies of public web pages"):
    """A PRISMA 2020-style flow diagram (identification, screening, included) from the counts."""
    reasons = [(REASON_LABELS[r], n) for r, n in c.excluded.items() if n]
    gap = 0.9
    h_id, h_main = 1.9, 1.1
    h_side = max(h_main, 0.34 * (len(reasons) + 1) + 0.45)
    h_run = 1.3 if c.outside_run else 0.0
    height = 0.2 + h_id + gap + h_side + gap + h_main + ((gap + h_run) if c.outside_run else 0.0) + 0.2
    fig, ax = plt.subplots(figsize=(10.5, height * 0.75))
    ax.set_xlim(0, 11.2)
    ax.set_ylim(0, height)
    ax.axis("off")
    main_x, main_w, side_x, side_w = 1.0, 4.2, 5.9, 5.2

    # Identification
    y_id = height - 0.2 - h_id
    _box(ax, main_x, y_id, main_w, h_id,
         _wrap(f"Records identified from {source_label}", 38) + f"\n(n = {c.identified})", MAIN_FACE)
    _box(ax, side_x, y_id, side_w, h_id, f"Records removed before screening:\nduplicate records (n = {c.duplicates})", SIDE_FACE)
    _arrow(ax, (main_x + main_w, y_id + h_id / 2), (side_x, y_id + h_id / 2))
    # Screening
    y_side = y_id - gap - h_side
    y_sc = y_side + (h_side - h_main) / 2
    _box(ax, main_x, y_sc, main_w, h_main, f"Records screened\n(n = {c.screened})", MAIN_FACE)
    side_text = f"Records excluded (n = {c.excluded_total}), by reason:\n" + "\n".join(
        f"  {label} (n = {n})" for label, n in reasons)
    _box(ax, side_x, y_side, side_w, h_side, side_text, SIDE_FACE, fontsize=9.5, align="left")
    _arrow(ax, (main_x + main_w / 2, y_id), (main_x + main_w / 2, y_sc + h_main))
    _arrow(ax, (main_x + main_w, y_sc + h_main / 2), (side_x, y_sc + h_main / 2))
    # Included
    y_in = y_side - gap - h_main
    _box(ax, main_x, y_in, main_w, h_main, f"Records included in the review\n(n = {c.included})", MAIN_FACE)
    _arrow(ax, (main_x + main_w / 2, y_sc), (main_x + main_w / 2, y_in + h_main))
    stages = [("Identification", y_id, y_id + h_id), ("Screening", y_side, y_side + h_side),
              ("Included", y_in, y_in + h_main)]
    if c.outside_run:
        y_run = y_in - gap - h_run
        _box(ax, main_x, y_run, main_w, h_run, f"Records in this run's synthesis\n(n = {c.in_run})", MAIN_FACE)
        _box(ax, side_x, y_run, side_w, h_run,
             _wrap("Included records outside this run's parameters (roles, themes, years, evidence level)", 50)
             + f"\n(n = {c.outside_run})", SIDE_FACE, fontsize=9.5)
        _arrow(ax, (main_x + main_w / 2, y_in), (main_x + main_w / 2, y_run + h_run))
        _arrow(ax, (main_x + main_w, y_run + h_run / 2), (side_x, y_run + h_run / 2))
        stages[-1] = ("Included", y_run, y_in + h_main)
    for label, y0, y1 in stages:
        ax.add_patch(FancyBboxPatch((0.1, y0), 0.5, y1 - y0, facecolor=STAGE_COLOUR, edgecolor="none", **BOX))
        ax.text(0.35, (y0 + y1) / 2, label, rotation=90, ha="center", va="center", color="white",
                fontsize=9 if (y1 - y0) >= 1.5 else 8.5, fontweight="bold")
    return fig
