"""The survey as one run of the chapter analyses it: validated responses split by wave, each
wave's designs (unweighted, and raked when weighting is on) and the run's settings.

`SurveyRun.from_parameters` loads and validates the responses and the margins, redacts every
free-text answer (`freetext.redact_answers`) before anything else sees it, and rakes each
wave separately to the same margins. Headline results use the weighted design when
weighting is on, the unweighted one otherwise (`design(wave)`). `cells` is the run's ledger of
respondent counts under disclosure control (`counts.cells`), which every table draws on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from ..core.chapter_spec import resolve_path
from ..core.paths import relative
from . import codebook as cb
from . import counts, estimates, freetext, loaders, weighting
from .disclosure import Cells


@dataclass
class SurveyRun:
    book: cb.Codebook
    responses: loaders.Responses
    roles: list
    weighting_on: bool
    min_cell: int
    confidence: float
    compare_waves: bool
    margins: dict
    waves: dict  # wave -> frame of that wave's respondents
    designs: dict  # (wave, weighted: bool) -> Design
    diagnostics: pd.DataFrame
    margin_sources: frozenset = frozenset()  # the margins file's `source` values
    redacted: dict = field(default_factory=dict)  # wave -> free-text answers changed by redaction
    margins_file: str = ""  # the margins file as readers see it (`paths.relative`)

    @classmethod
    def from_parameters(cls, params: dict) -> SurveyRun:
        """Load, validate and weight the responses named by the chapter's validated parameters."""
        book = cb.load()
        resp = loaders.load_responses(resolve_path(params["responses"]), book=book)
        frame, changed = freetext.redact_answers(resp.frame, book.freetext)
        resp = replace(resp, frame=frame)  # no later step sees an answer before redaction
        roles = list(cb.ROLES) if params["focus_role"] == "both" else [params["focus_role"]]
        margins_path = resolve_path(params["margins"])
        margins = weighting.read_margins(margins_path, book)
        weighting_on = params["weighting"] == "on"
        waves, redacted = {}, {}
        for w in cb.WAVES:
            if (frame["wave"] == w).any():
                waves[w] = frame[frame["wave"] == w].reset_index(drop=True)
                redacted[w] = int(changed[(frame["wave"] == w).to_numpy()].sum())
        designs, diagnostics = {}, []
        for w, sub in waves.items():
            designs[(w, False)] = estimates.Design.unweighted(len(sub))
            if weighting_on:
                res = weighting.rake(sub, margins, file=resp.file)
                designs[(w, True)] = estimates.Design.raked(sub, res.weights, margins)
                diagnostics.append(weighting.diagnostics(w, res))
        return cls(
            book,
            resp,
            roles,
            weighting_on,
            int(params["min_cell"]),
            float(params["confidence"]),
            bool(params["compare_waves"]),
            margins,
            waves,
            designs,
            pd.DataFrame(diagnostics),
            frozenset(weighting.margin_sources(margins_path)),
            redacted,
            relative(margins_path),
        )

    @cached_property
    def cells(self) -> Cells:
        """Every respondent count the chapter can publish, under disclosure control."""
        return counts.cells(self)

    @property
    def synthetic(self) -> bool:
        return self.responses.synthetic

    @property
    def report_waves(self) -> list[str]:
        """The waves whose estimates are reported: the current one, and the earlier one when
        waves are compared."""
        return [w for w in ("current", "earlier") if w in self.waves and (w == "current" or self.compare_waves)]

    @property
    def focus_role(self) -> str:
        """The focus_role parameter this run was built with: acp, pa or both."""
        return "both" if len(self.roles) > 1 else self.roles[0]

    @property
    def alpha(self) -> float:
        """Significance level that goes with the confidence level (rounded, so that 1 - 0.95 is
        0.05 and a p-value of exactly 0.05 is not significant)."""
        return round(1 - self.confidence, 12)

    def weight_options(self) -> list[bool]:
        return [True, False] if self.weighting_on else [False]

    def design(self, wave: str, weighted: bool | None = None) -> estimates.Design:
        """The wave's design: weighted when weighting is on, unless `weighted` says otherwise."""
        weighted = self.weighting_on if weighted is None else weighted
        return self.designs[(wave, weighted)]
