"""Redaction before anything is written: free-text answers lose NHS numbers, postcodes, phone
numbers, e-mail addresses and the names the rules can detect as the responses are loaded, and
only the file name of an input (never its absolute path) reaches an output.

The slow test plants personal details in the free-text answers of a small responses file,
runs the survey chapter through the pipeline (`python -m skillmix run survey -p responses
<file>`) in a temporary copy of the project, builds the book, and searches every file the run
wrote (executed notebooks, CSVs, images, the HTML, the search index, the downloads) for
each planted detail, for the digits of each number in any spacing, and for the input's path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from skillmix.core import chapter_spec
from skillmix.core.paths import ROOT
from skillmix.survey import freetext, synthetic
from skillmix.survey.chapter import SurveyChapter

NHS_NUMBER = "943 476 5919"  # passes the modulus-11 check
PLANTED = {
    "nhs spaced": f"My NHS number is {NHS_NUMBER}, please check it.",
    "nhs plain": "Reference 9434765919 was on the letter.",
    "nhs hyphens": "Or 943-476-5919 as the form wrote it.",
    "postcode": "We are based at SW1A 1AA, next to the station.",
    "postcode lower": "The annex at m1 1ae closed.",
    "phone": "Ring the office on 01632 960 983 any time.",
    "mobile": "My mobile is +44 7700 900 077.",
    "email": "Write to jane.smith@example.org about this.",
    "name": "Dr Jane Smith was very supportive.",
}
# What must appear nowhere in any output (numbers are also searched with any spacing).
SECRETS = (
    "943 476 5919",
    "SW1A 1AA",
    "m1 1ae",
    "01632 960 983",
    "7700 900 077",
    "jane.smith@example.org",
    "Jane Smith",
)
NUMBERS = ("9434765919", "01632960983", "7700900077")


def digits_anywhere(number: str) -> re.Pattern:
    """`number`'s digits in order with any non-digit characters (or none) between them."""
    return re.compile(r"\D{0,3}".join(number).encode())


# --- the rules ---------------------------------------------------------------------------------


def weighted_sum(nine: str) -> int:
    return sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))


def test_nhs_modulus_11():
    assert freetext.nhs_number_valid("9434765919")
    assert not freetext.nhs_number_valid("9434765918")  # wrong check digit
    assert not freetext.nhs_number_valid("943476591")  # nine digits
    # 11 - (sum mod 11) = 11 means check digit 0; = 10 means no valid number at all.
    eleven = next(str(k) for k in range(400_000_000, 500_000_000) if weighted_sum(str(k)) % 11 == 0)
    assert freetext.nhs_number_valid(eleven + "0") and not freetext.nhs_number_valid(eleven + "1")
    ten = next(str(k) for k in range(400_000_000, 500_000_000) if weighted_sum(str(k)) % 11 == 1)
    assert not any(freetext.nhs_number_valid(ten + str(c)) for c in range(10))
    assert freetext.redact(f"no {ten[:3]} {ten[3:6]} {ten[6:]}5 here") == "no [number] here"


@pytest.mark.parametrize(
    "text, marker",
    [
        ("NHS no 943 476 5919.", "[NHS number]"),
        ("NHS no 9434765919.", "[NHS number]"),
        ("NHS no 943-476-5919.", "[NHS number]"),
        ("NHS no 943  476  5919.", "[NHS number]"),
        ("NHS no 943.476.5919.", "[NHS number]"),
        ("mistyped 943 476 5918 here", "[number]"),
        ("Call 07700 900461 now", "[phone]"),
        ("Call (020) 7946 0000 now", "[phone]"),
        ("Call +44 (0)20 7946 0000 now", "[phone]"),
        ("Call 0044 7700 900123 now", "[phone]"),
        ("Office 01632 960 123.", "[phone]"),
        ("At SW1A 1AA now", "[postcode]"),
        ("at sw1a1aa now", "[postcode]"),
        ("B33 8TH and CR2 6XH", "[postcode]"),
        ("Mail jane.doe@example.nhs.uk today", "[email]"),
        ("Ask Dr Jane Smith", "[name]"),
        ("our manager Sarah Jones said", "[name]"),
    ],
)
def test_redaction_catches(text, marker):
    red = freetext.redact(text)
    assert marker in red
    for number in re.findall(r"\d[\d .()-]{6,}\d", text):
        assert number not in red


@pytest.mark.parametrize(
    "text",
    [
        "NHS England funded 20 ACP posts in 2023-24.",
        "Band 7 posts, 3 to 5 years, 2019/20 and 2020/21.",
        "General Practice and Primary Care Networks helped.",
        "Supervision time was protected.",
    ],
)
def test_redaction_leaves_ordinary_text(text):
    assert freetext.redact(text) == text


def test_redaction_is_idempotent_and_counts_changed_answers():
    frame = pd.DataFrame({"helped": [PLANTED["nhs spaced"], "Fine.", None], "hindered": [PLANTED["email"], None, "x"]})
    red, changed = freetext.redact_answers(frame, ["helped", "hindered"])
    assert changed.tolist() == [2, 0, 0]
    again, more = freetext.redact_answers(red, ["helped", "hindered"])
    assert more.sum() == 0 and again.equals(red)


# --- a responses file with planted personal details -----------------------------------------------


def planted_responses(path: Path, seed: int = 13, n_current: int = 300, n_earlier: int = 150) -> Path:
    """A small synthetic responses file whose free text carries every detail of PLANTED."""
    frame = synthetic.generate(seed=seed, n_current=n_current, n_earlier=n_earlier)
    for question in ("helped", "hindered"):
        rows = frame.index[(frame[question].notna()) & (frame["wave"] == "current")][: len(PLANTED)]
        for row, text in zip(rows, PLANTED.values()):
            frame.loc[row, question] = f"{text} {frame.loc[row, question]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


def test_the_run_never_holds_an_answer_before_redaction(tmp_path):
    path = planted_responses(tmp_path / "input" / "planted.csv")
    chapter = SurveyChapter(chapter_spec.check("survey", responses=str(path)))
    run = chapter.run
    texts = pd.concat([f[q] for f in [run.responses.frame, *run.waves.values()] for q in run.book.freetext]).dropna()
    blob = "\n".join(texts)
    for secret in SECRETS:
        assert secret not in blob
    for number in NUMBERS:
        assert not digits_anywhere(number).search(blob.encode())
    assert run.redacted["current"] >= 2 * len(PLANTED)
    shown = chapter.redaction_table().frame.to_csv() + chapter.quotes_table().data.to_csv()
    assert "[NHS number]" in shown or "[NHS number]" in blob
    values = {**chapter.intro_values(), **chapter.freetext_values()}
    assert values["responses_file"] == "planted.csv"
    assert str(tmp_path) not in repr(values)


def test_runs_record_an_input_outside_the_project_by_its_file_name(tmp_path):
    import nbformat

    from skillmix.pipeline import notebooks

    given = {"responses": str(tmp_path / "private" / "export.csv"), "min_cell": 12}
    shown = chapter_spec.shown("survey", given)
    assert shown == {"responses": "export.csv", "min_cell": 12}
    inside = chapter_spec.shown("survey", {"responses": "data/survey/synthetic_responses.csv"})
    assert inside == {"responses": "data/survey/synthetic_responses.csv"}
    nb = nbformat.v4.new_notebook()
    injected = nbformat.v4.new_code_cell(f'# Parameters\nresponses = "{given["responses"]}"\nmin_cell = 12\n')
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells = [nbformat.v4.new_code_cell(f'responses = "{given["responses"]}"  # not injected'), injected]
    notebooks.show_parameters(nb, given, shown)
    assert nb.cells[1].source == '# Parameters\nresponses = "export.csv"\nmin_cell = 12\n'
    assert str(tmp_path) in nb.cells[0].source  # only papermill's cell is rewritten


# --- the whole run, as a user runs it ----------------------------------------------------------------

PROJECT_FILES = ("chapters.yml", "_config.yml", "_toc.yml", "references.bib", "requirements.txt")
PROJECT_DIRS = ("chapters", "data", "_static")


def copy_project(dest: Path) -> Path:
    """The project's book, data and configuration, without any build."""
    dest.mkdir(parents=True)
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build"))
    for name in PROJECT_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, dest / name)
    return dest


def output_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow  # runs the survey chapter and its dependants through the pipeline and builds the book
def test_planted_personal_details_appear_in_no_output(tmp_path):
    project = copy_project(tmp_path / "project")
    responses = planted_responses(tmp_path / "private" / "pii_responses.csv")
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    done = subprocess.run(
        [sys.executable, "-m", "skillmix", "run", "survey", "-p", "responses", str(responses), "--name", "pii"],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    run = project / "_build" / "runs" / "pii"
    files = output_files(run)
    search_index = run / "_build" / "html" / "searchindex.js"
    assert search_index in files, "the book was not built"
    assert (run / "chapters" / "outputs" / "survey" / "freetext_quotes.csv") in files
    assert any(p.suffix == ".svg" for p in files) and any(p.suffix == ".ipynb" for p in files)
    absolute = [str(responses).encode(), str(responses.parent).encode()]
    found = []
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            if secret.encode() in data or secret.lower().encode() in data.lower():
                found.append((path.relative_to(run).as_posix(), secret))
        for number in NUMBERS:
            if digits_anywhere(number).search(data):
                found.append((path.relative_to(run).as_posix(), f"digits of {number}"))
        for text in absolute:
            if text in data:
                found.append((path.relative_to(run).as_posix(), "absolute path of the input"))
    assert not found, found[:20]
    # The redaction did happen, and the run names the input by its file name.
    executed = (run / "chapters" / "03_survey.ipynb").read_text()
    assert (
        "[NHS number]" in executed
        or "[NHS number]" in (run / "chapters" / "outputs" / "survey" / "freetext_quotes.csv").read_text()
    )
    assert "pii_responses.csv" in executed
