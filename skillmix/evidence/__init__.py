"""The evidence review: the evidence base and what the review and the evidence table make of it.

Modules: `themes` (the theme code book), `records` (loading and validating the records, the
screening log and the coded findings), `selection` (the records one run's parameters keep),
`synthesis` (tables), `values` (numbers glued into the prose), `prisma` (PRISMA 2020 counts),
`plots` (figures, the PRISMA flow diagram among them), `records_table` (the evidence table
appendix), `bibliography` (`references.bib`), and the façades `chapter.EvidenceReviewChapter`
and `table_chapter.EvidenceTableChapter`.

The names below are those the chapter's prose and the data's README cite as
`skillmix.evidence.<name>`.
"""

from ..core.evidence_basis import basis_of_evidence
from .records import load_all, load_records

__all__ = ["basis_of_evidence", "load_all", "load_records"]
