"""Every count of respondents the survey chapter can publish, and the sums a reader could use to
work one out from the others: the ledger that disclosure control (`disclosure.Cells`) protects
once per run, and that every table, chart label and glued value then draws on.

Cells (keys are tuples; the functions below build them):
* `respondents()`: all respondents (the banner); `wave(w)`: each wave's respondents;
* `profile(var, cat, w)`: respondents giving each answer to a profile question, by wave
  (the response profile and the weighting margins), with a hidden `("profile_blank", var,
  w)` for questions that may be left blank;
* `with_roles(a, b)`: current-wave respondents working with ACPs (a) and PAs (b), yes/no; only
  (yes, yes) is published (as the percentage working with both), the rest are hidden;
* `answered(item, role, w)` and `dont_know(item, role, w)`: substantive and don't-know
  answers to a statement, by role and reported wave;
* `group_answered(...)`, `group_dont_know(...)` and `rest_answered(...)`: the same in each
  profession or setting of the current wave, and in all other respondents;
* `both_answered(item)`: current-wave respondents answering a statement about both roles,
  with hidden cells for one role only and for neither;
* `freetext_answered(q)` and `theme(q, t)`: free-text answers and those mentioning a theme
  (current wave; themes overlap, so they have no sum); `redacted()`: answers changed by
  redaction; `capped(w)` and `capped_all()`: weights capped by trimming.
"""

from __future__ import annotations

import numpy as np

from .disclosure import Cells, Sum
from .estimates import item_arrays
from .freetext import load_dictionary, theme_counts

CURRENT = "current"
YES_NO = ("yes", "no")
GROUP_VARS = ("profession", "setting")


def respondents():
    return ("respondents",)


def wave(w):
    return ("wave", w)


def profile(var, cat, w):
    return ("profile", var, cat, w)


def with_roles(acp, pa):
    return ("with_roles", acp, pa)


def answered(item, role, w):
    return ("answered", item, role, w)


def dont_know(item, role, w):
    return ("dont_know", item, role, w)


def group_answered(item, role, by, group):
    return ("group_answered", item, role, by, group)


def group_dont_know(item, role, by, group):
    return ("group_dont_know", item, role, by, group)


def rest_answered(item, role, by, group):
    return ("rest_answered", item, role, by, group)


def both_answered(item):
    return ("both_answered", item)


def freetext_answered(question):
    return ("freetext_answered", question)


def theme(question, name):
    return ("theme", question, name)


def redacted():
    return ("redacted",)


def capped(w):
    return ("capped", w)


def capped_all():
    return ("capped_all",)


class Ledger:
    """Cells and sums as they are collected."""

    def __init__(self):
        self.counts, self.sums, self.hidden = {}, [], set()

    def add(self, key, count, hidden: bool = False):
        self.counts[key] = int(count)
        if hidden:
            self.hidden.add(key)
        return key

    def sum(self, total, parts, total_first: bool = False):
        self.sums.append(Sum(total, tuple(parts), total_first))


def _waves_and_profile(run, led: Ledger) -> None:
    book = run.book
    parts = [led.add(wave(w), len(frame)) for w, frame in run.waves.items()]
    led.add(respondents(), sum(len(f) for f in run.waves.values()))
    led.sum(respondents(), parts, total_first=True)  # the banner's total goes before any wave
    for w, frame in run.waves.items():
        for var, cats in book.profile.items():
            if var == "wave":
                continue
            col = frame[var].astype(object).to_numpy()
            cells = [led.add(profile(var, cat, w), (col == cat).sum()) for cat in cats]
            if var not in book.required:
                cells.append(led.add(("profile_blank", var, w), len(col) - sum(led.counts[c] for c in cells), True))
            led.sum(wave(w), cells)


def _with_roles(run, led: Ledger) -> None:
    frame = run.waves[CURRENT]
    acp, pa = (frame[run.book.routing[r]].astype(object).to_numpy() for r in ("acp", "pa"))
    for a in YES_NO:
        for b in YES_NO:
            led.add(with_roles(a, b), ((acp == a) & (pa == b)).sum(), hidden=(a, b) != ("yes", "yes"))
    led.sum(profile(run.book.routing["acp"], "yes", CURRENT), [with_roles("yes", b) for b in YES_NO])
    led.sum(profile(run.book.routing["pa"], "yes", CURRENT), [with_roles(a, "yes") for a in YES_NO])
    led.sum(wave(CURRENT), [with_roles(a, b) for a in YES_NO for b in YES_NO])


def _items(run, led: Ledger) -> None:
    book = run.book
    for w in run.report_waves:
        frame = run.waves[w]
        for item in book.items_in_wave(w):
            for role in run.roles:
                _, ans, dk = item_arrays(frame, item.column(role), book)
                led.add(answered(item.id, role, w), ans.sum())
                led.add(dont_know(item.id, role, w), dk.sum())
                if w == CURRENT:
                    _groups(run, led, item.id, ans, dk, role)
    if len(run.roles) > 1:
        frame = run.waves[CURRENT]
        for item in book.items_in_wave(CURRENT):
            a = item_arrays(frame, item.column("acp"), book)[1]
            p = item_arrays(frame, item.column("pa"), book)[1]
            both = led.add(both_answered(item.id), (a & p).sum())
            acp_only = led.add(("acp_only", item.id), (a & ~p).sum(), hidden=True)
            pa_only = led.add(("pa_only", item.id), (~a & p).sum(), hidden=True)
            neither = led.add(("neither", item.id), (~a & ~p).sum(), hidden=True)
            led.sum(answered(item.id, "acp", CURRENT), [both, acp_only])
            led.sum(answered(item.id, "pa", CURRENT), [both, pa_only])
            led.sum(wave(CURRENT), [both, acp_only, pa_only, neither])


def _groups(run, led: Ledger, item: str, ans: np.ndarray, dk: np.ndarray, role: str) -> None:
    frame = run.waves[CURRENT]
    for by in GROUP_VARS:
        col = frame[by].astype(object).to_numpy()
        n_parts, dk_parts = [], []
        for g in run.book.profile[by]:
            inside = col == g
            n_parts.append(led.add(group_answered(item, role, by, g), (ans & inside).sum()))
            dk_parts.append(led.add(group_dont_know(item, role, by, g), (dk & inside).sum()))
            rest = led.add(rest_answered(item, role, by, g), (ans & ~inside).sum())
            led.sum(answered(item, role, CURRENT), [n_parts[-1], rest])
        led.sum(answered(item, role, CURRENT), n_parts)
        led.sum(dont_know(item, role, CURRENT), dk_parts)


def _freetext(run, led: Ledger) -> None:
    frame = run.waves[CURRENT]
    table = theme_counts(frame, run.book.freetext, load_dictionary())
    for q, sub in table.groupby("question", sort=False):
        led.add(freetext_answered(q), sub["n_answered"].iloc[0])
        for t, n in zip(sub["theme"], sub["n"]):
            led.add(theme(q, t), n)
    led.add(redacted(), run.redacted.get(CURRENT, 0))


def _weights(run, led: Ledger) -> None:
    if not run.weighting_on:
        return
    parts = [led.add(capped(w), n) for w, n in zip(run.diagnostics["wave"], run.diagnostics["n_capped"])]
    led.add(capped_all(), sum(led.counts[p] for p in parts))
    led.sum(capped_all(), parts)


def cells(run) -> Cells:
    """Every respondent count of `run`, protected together (see `disclosure`)."""
    led = Ledger()
    _waves_and_profile(run, led)
    _with_roles(run, led)
    _items(run, led)
    _freetext(run, led)
    _weights(run, led)
    return Cells(led.counts, led.sums, run.min_cell, led.hidden)
