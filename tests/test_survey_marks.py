"""Synthetic data are labelled wherever they travel: the survey chapter, run as its notebook
runs it, marks every CSV (a `data_status` column), stamps every figure image and records
every glued value built from the responses for the claims ledger; a run on real responses
(the same answers under non-generator ids) carries none of these marks."""

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from skillmix.core import chapter_spec
from skillmix.core.artifacts import SYNTHETIC, SYNTHETIC_STAMP, Figure
from skillmix.core.paths import CHAPTERS
from skillmix.publish import figures
from skillmix.publish import glue as glue_module
from skillmix.survey import synthetic
from skillmix.survey.chapter import SurveyChapter

NOTEBOOK = CHAPTERS / "03_survey.ipynb"
# Glued values that do not come from the responses: the run's settings, the code book, the
# margins file, the data label itself and the generator's constants.
NOT_FROM_RESPONSES = {
    "data_label",
    "data_marks",
    "roles_text",
    "n_items",
    "n_common_items",
    "min_cell",
    "confidence_pct",
    "alpha_pct",
    "responses_file",
    "weighting_text",
    "margins_source",
    "seed",
    "trim_lower",
    "trim_upper",
}


def stamps(svg) -> int:
    """Stamps drawn in an SVG: the stamp's text, in the stamp's colour."""
    text = svg.read_text()
    if figures.STAMP_COLOUR.lower() not in text:
        return 0
    return sum(drawn == SYNTHETIC_STAMP for drawn, _ in figures.svg_texts(text))


def run_notebook(folder, responses, monkeypatch) -> list[str]:
    """Execute the survey notebook's code cells in `folder` (as papermill does: the parameters
    cell, then `responses` injected); return the keys glued, in order."""
    glued = []
    monkeypatch.setattr(glue_module, "glue", lambda key, value, display: glued.append(key))
    monkeypatch.chdir(folder)
    namespace = {}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        exec(compile(cell.source, str(NOTEBOOK), "exec"), namespace)
        if "parameters" in cell.metadata.get("tags", []):
            namespace["responses"] = str(responses)
    return glued


@pytest.fixture(scope="module")
def responses(tmp_path_factory):
    """The same answers twice: as the generator writes them, and under ids a real export has."""
    folder = tmp_path_factory.mktemp("responses")
    frame = synthetic.generate(seed=5, n_current=800, n_earlier=400)
    frame.to_csv(folder / "synthetic.csv", index=False)
    frame.assign(respondent_id=[f"R{k:05d}" for k in range(len(frame))]).to_csv(folder / "real.csv", index=False)
    return folder


@pytest.mark.slow  # executes the notebook's code twice (about 20 s)
def test_synthetic_run_is_marked_everywhere_and_a_real_run_nowhere(tmp_path, responses, monkeypatch):
    outputs = tmp_path / "outputs" / "survey"
    glued = run_notebook(tmp_path, responses / "synthetic.csv", monkeypatch)
    csvs = sorted(p for p in outputs.glob("*.csv") if p.name != "data_status.csv")
    svgs = sorted(outputs.glob("*.svg"))
    assert len(csvs) == 15 and len(svgs) == 6  # every shown table has its CSV, redaction_examples too
    for path in csvs:
        frame = pd.read_csv(path)
        assert frame.columns[-1] == "data_status" and set(frame["data_status"]) == {SYNTHETIC}, path.name
    for path in svgs:
        assert stamps(path) == 1, path.name
    status = pd.read_csv(outputs / "data_status.csv")
    assert set(status["data_status"]) == {SYNTHETIC}
    assert set(status["key"]) == set(glued) - NOT_FROM_RESPONSES
    assert {"banner", "n_current", "pct_with_acp", "likert_highest", "role_sentence", "n_redacted"} <= set(
        status["key"]
    )

    # The same answers as a real export, published into the same folder: every mark goes.
    real_glued = run_notebook(tmp_path, responses / "real.csv", monkeypatch)
    assert set(real_glued) == set(glued)
    assert sorted(outputs.glob("*.csv")) == csvs  # data_status.csv is gone
    for path in csvs:
        assert "data_status" not in pd.read_csv(path).columns, path.name
    for path in svgs:
        assert stamps(path) == 0, path.name
    estimates = pd.read_csv(outputs / "item_estimates.csv")
    assert not estimates["synthetic"].any()


def facade_outputs(chapter) -> tuple[list, list]:
    """Every Table and Figure, and every mapping of values, the survey façade hands over."""
    artifacts = [
        chapter.response_profile(),
        chapter.weighting_diagnostics(),
        chapter.weighting_margins(),
        chapter.item_estimates(),
        chapter.estimates_table(),
        chapter.likert_figure(),
        chapter.role_figure(),
        chapter.wave_figure(),
        chapter.theme_figure(),
        chapter.quotes_table(),
        chapter.redaction_table(),
    ]
    for by in ("profession", "setting"):
        artifacts += [chapter.group_tests(by), chapter.group_figure(by)]
    values = [
        chapter.intro_values(),
        chapter.profile_values(),
        chapter.weighting_values(),
        chapter.estimate_values(),
        chapter.likert_values(),
        chapter.role_values(),
        chapter.wave_values(),
        chapter.freetext_values(),
        chapter.methods_values(),
        *(chapter.group_values(by) for by in ("profession", "setting")),
    ]
    for artifact in artifacts:
        if isinstance(artifact, Figure):
            plt.close(artifact.figure)
    return artifacts, values


@pytest.mark.parametrize("file, status", [("synthetic.csv", SYNTHETIC), ("real.csv", None)])
def test_facade_marks_what_it_builds_from_synthetic_responses_only(responses, file, status):
    chapter = SurveyChapter(chapter_spec.check("survey", responses=str(responses / file)))
    assert chapter.data_status == status
    artifacts, values = facade_outputs(chapter)
    assert all(artifact.data_status == status for artifact in artifacts)
    marked = {key for mapping in values for key in getattr(mapping, "data_status", {})}
    glued = {key for mapping in values for key in mapping}
    assert marked == (glued - NOT_FROM_RESPONSES if status else set())
    assert all(s == status for mapping in values for s in getattr(mapping, "data_status", {}).values())
    marks = chapter.intro_values()["data_marks"]
    assert ('"Synthetic data" stamp' in marks) == (status == SYNTHETIC)


def test_stamp_text_is_the_synthetic_data_label():
    assert SYNTHETIC_STAMP == "Synthetic data"
