"""The façades of the evidence review and the evidence table appendix: what each hands to the
publishing layer, on the real evidence base; and the evidence package's imports."""

from __future__ import annotations

import ast
import subprocess
import sys

import matplotlib.pyplot as plt
import pytest

from skillmix.core import chapter_spec
from skillmix.core.artifacts import Figure, Table
from skillmix.core.errors import InputError
from skillmix.core.paths import PACKAGE
from skillmix.evidence.chapter import EvidenceReviewChapter
from skillmix.evidence.table_chapter import EvidenceTableChapter


@pytest.fixture(scope="module")
def default():
    return EvidenceReviewChapter(chapter_spec.check("evidence_review"))


def close(figure: Figure) -> Figure:
    plt.close(figure.figure)
    return figure


def test_default_run_covers_every_record(default):
    values = default.review_values()
    assert list(values)[:2] == ["n_identified", "n_duplicates"] and list(values)[-3:] == [
        "run_parameters",
        "undated_rule",
        "run_scope",
    ]
    assert values["n_selected"] == values["n_included"] == len(default.records)
    assert values["run_scope"].startswith("These are the default settings")
    assert default.counts.outside_run == 0


def test_tables_and_figures_are_named_for_their_downloads(default):
    assert default.basis_table().name == "evidence_basis"
    themes = default.theme_summary_table()
    assert themes.name == "theme_summary" and "Roles of the records with coded findings" in themes.download
    listed = themes.download["Roles of the records with coded findings"].str.split(", ").str.len()
    assert (
        themes.frame["Roles with coded findings"] == listed.where(themes.download["Records with coded findings"] > 0, 0)
    ).all()
    role_years = default.role_years_table()
    assert role_years.name == "role_years"
    assert "role" not in role_years.frame and "role" in role_years.download  # the CSV keeps the code
    findings = default.findings_table("wellbeing")
    assert (
        isinstance(findings, Table) and findings.name == "findings_wellbeing" and findings.frame.index.name == "Record"
    )
    assert findings.formats["Record"] == "cite" and "wellbeing" in findings.caption
    figures = [
        close(f())
        for f in (default.prisma_flow, default.evidence_map, default.periods, default.settings, default.role_timeline)
    ]
    assert [f.name for f in figures] == [
        "prisma_flow",
        "evidence_map",
        "study_type_level_by_period",
        "settings",
        "role_timeline",
    ]
    assert default.timeline_values()["n_timeline_events"] == len(figures[-1].data)


def test_a_narrower_run(default):
    params = chapter_spec.check("evidence_review", roles="acp", year_from=2010)
    run = EvidenceReviewChapter(params)
    kept = run.selection.records
    assert 0 < len(kept) < len(default.selection.records)
    assert all("acp" in roles for roles in kept["roles"]) and kept["year"].min() >= 2010
    assert run.counts.outside_run == len(run.records) - len(kept)
    values = run.review_values()
    assert values["n_selected"] == len(kept) and values["n_undated_sel"] == 0
    assert values["run_scope"].startswith("These settings differ from the defaults")
    assert set(close(run.evidence_map()).data["role"]) == {"acp"}
    texts = " ".join(t.get_text() for t in close(run.prisma_flow()).figure.axes[0].texts)
    assert f"Records in this run's synthesis (n = {len(kept)})" in " ".join(texts.split())  # wrapped to its box


def test_from_notebook_takes_the_declared_parameters_and_checks_them():
    namespace = {**chapter_spec.chapter("evidence_review").defaults(), "unrelated": 1}
    assert EvidenceReviewChapter.from_notebook(namespace).params == chapter_spec.check("evidence_review")
    with pytest.raises(InputError, match="does not set a declared parameter"):
        EvidenceReviewChapter.from_notebook({k: v for k, v in namespace.items() if k != "themes"})
    with pytest.raises(InputError, match="min_evidence_level"):
        EvidenceReviewChapter.from_notebook({**namespace, "min_evidence_level": "anecdote"})


def test_evidence_table_chapter():
    chapter = EvidenceTableChapter.from_notebook({})
    assert chapter.table_values()["n_records"] == len(chapter.records)
    assert (chapter.records_csv().name, chapter.exclusions_csv().name) == ("evidence_table", "screening_exclusions")
    records, log = chapter.records_table(), chapter.exclusions_table()
    assert (records.name, records.link_column, log.name, log.link_column) == (
        "evidence_table",  # the shown table's download is the full CSV
        None,  # the address is under References, which the record's label links to
        "screening_exclusions",
        "Seen at",
    )
    assert records.download.equals(chapter.records_csv().download) and records.formats["Record"] == "cite"
    assert not records.collapse and records.caption and log.caption and records.source and log.source
    assert list(records.frame.columns) == [
        "Record",
        "Title",
        "Roles",
        "Evidence",
        "Key finding (paraphrase)",
        "How it was read",
    ]
    assert not records.frame["How it was read"].str.contains("findings read in").any()
    assert len(records.frame) == len(chapter.records) and len(log.frame) == len(chapter.exclusions)


def test_evidence_package_imports_only_core_and_itself():
    for path in sorted((PACKAGE / "evidence").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1 or (node.level == 2 and (node.module or "").startswith("core")), (
                    f"{path.name} imports {'.' * node.level}{node.module}"
                )
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                assert not any(n.startswith("skillmix") for n in names), f"{path.name} imports {names}"


def test_labels_and_counts_do_not_need_pyplot():
    code = (
        "import sys; import skillmix.core.labels, skillmix.evidence.records_table, skillmix.evidence.prisma, "
        "skillmix.evidence.values; assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
