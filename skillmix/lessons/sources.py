"""Checks that a row's sources exist: evidence record ids and role-timeline URLs (used by the
historical parallels and the glossary)."""

from __future__ import annotations

from ..core.errors import InputError
from ..core.lists import split_codes
from ..core.paths import relative
from ..core.timeline import load_timeline
from .inputs import EVIDENCE_FILE, TIMELINE_FILE, record_ids


class SourceChecker:
    """The record ids of the evidence base and the source URLs of the role timeline, and a
    check that a row names only those, and at least one of them."""

    def __init__(self, evidence_path=EVIDENCE_FILE, timeline_path=TIMELINE_FILE):
        self.evidence_file, self.timeline_file = relative(evidence_path), relative(timeline_path)
        self.record_ids = record_ids(evidence_path)
        self.urls = set(load_timeline(timeline_path)["source_url"])

    def check(self, row, where: dict, records_column: str, urls_column: str) -> None:
        """Raise InputError (at `where`: file and line) for an unknown record or URL, or for
        a row with neither."""
        records, urls = split_codes(row[records_column]), split_codes(row[urls_column])
        for rid in records:
            if rid not in self.record_ids:
                raise InputError(f"record '{rid}' not found in {self.evidence_file}", **where, column=records_column)
        for url in urls:
            if url not in self.urls:
                raise InputError(f"source not found in {self.timeline_file}", **where, column=urls_column, value=url)
        if not records and not urls:
            raise InputError(
                f"no source: give record ids ({records_column}) or role-timeline URLs ({urls_column})", **where
            )
