"""The historical parallels (`data/lessons/historical_parallels.csv`): earlier changes to the
mix of professions, each tied to the lesson it carries."""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.csv_input import line_of, read_csv
from ..core.errors import InputError
from ..core.paths import relative
from .inputs import EVIDENCE_FILE, PARALLELS_FILE, TIMELINE_FILE
from .neutrality import unattributed
from .sources import SourceChecker

COLUMNS = ("role", "period", "what_happened", "lesson", "records", "timeline_source")


def load_parallels(
    path=PARALLELS_FILE, lesson_ids=None, evidence_path=EVIDENCE_FILE, timeline_path=TIMELINE_FILE
) -> pd.DataFrame:
    """The historical parallels, each checked: role code, lesson id (if `lesson_ids` is
    given), record ids and role-timeline source URLs must exist; every row needs a record or
    a timeline source; an evaluative word must say whose judgement it is."""
    file = relative(path)
    table = read_csv(path, COLUMNS, what="historical parallels", exact=False)
    sources = SourceChecker(evidence_path, timeline_path)
    for i, row in table.iterrows():
        where = {"file": file, "line": line_of(i)}
        if row["role"] not in vocab.ROLES:
            raise InputError("unknown role", **where, column="role", value=row["role"], allowed=vocab.ROLES)
        if lesson_ids is not None and row["lesson"] not in lesson_ids:
            raise InputError(
                "unknown lesson", **where, column="lesson", value=row["lesson"], allowed=sorted(lesson_ids)
            )
        sources.check(row, where, "records", "timeline_source")
        if not row["what_happened"].strip():
            raise InputError("empty", **where, column="what_happened")
        words = unattributed(row["what_happened"])
        if words:
            raise InputError(
                "evaluative word without saying whose judgement it is; attribute it or remove it",
                **where,
                column="what_happened",
                value=", ".join(words),
            )
    return table
