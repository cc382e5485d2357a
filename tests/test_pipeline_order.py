"""The order in which the pipeline starts chapters when a worker is free."""

from skillmix.core.chapter_spec import chapters
from skillmix.pipeline.execute import critical_first


def test_the_longest_chain_starts_first_and_dependencies_still_come_first():
    order = critical_first(list(chapters()))
    specs = chapters()
    # the survey and the evidence review head the longest chain (lessons, then the appendices)
    assert order[:2] == ["evidence_review", "survey"]
    for c in order:
        assert all(order.index(d) < order.index(c) for d in specs[c].depends_on), c


def test_a_selection_keeps_book_order_between_equal_chains():
    assert critical_first(["glossary", "evidence_table"]) == ["glossary", "evidence_table"]
