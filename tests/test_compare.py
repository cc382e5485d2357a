"""`python -m skillmix compare`: finished runs beside the default book, as CSV and an HTML page."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
from conftest import CHAPTERS_YML

LEDGER = "chapters/outputs/claims_ledger/claims_ledger.csv"
FINDINGS = """findings:
  - id: share
    text: "A share of {survey.pct} of {survey.n} respondents."
    section: 03_survey.ipynb
  - id: ratio
    text: "A ratio of {workforce.ratio}."
    section: 01_workforce.ipynb
"""


def write_ledger(book, values):
    path = book / LEDGER
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [("survey", "pct", values[0], "synthetic"), ("survey", "n", values[1], "synthetic")]
    rows.append(("workforce", "ratio", "1.17", "not synthetic"))
    pd.DataFrame(rows, columns=["chapter", "key", "value", "data"]).to_csv(path, index=False)


def make_project(tmp_path):
    (tmp_path / "chapters.yml").write_text(CHAPTERS_YML)
    (tmp_path / "data" / "book").mkdir(parents=True)
    (tmp_path / "data" / "book" / "key_findings.yml").write_text(FINDINGS)
    write_ledger(tmp_path, ("40.0%", "1,200"))
    for name, values, state in [("a", ("42.5%", "1,200"), "finished"), ("b", ("40.0%", "1,200"), "finished")]:
        book = tmp_path / "_build" / "runs" / name
        write_ledger(book, values)
        status = {"status": state, "parameters": {"survey": {"weighting": "off" if name == "a" else "on"}}}
        (book / "run_status.json").write_text(json.dumps(status))
    return tmp_path


def compare(project, *args):
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "skillmix", "compare", *args], cwd=project, env=env, text=True, capture_output=True
    )


def test_compare_writes_the_sensitivity_table_findings_and_a_page(tmp_path):
    project = make_project(tmp_path)
    result = compare(project, "--all")
    assert result.returncode == 0, result.stderr
    assert "2 run(s) compared" in result.stdout and "1 of 3 glued values changed" in result.stdout
    out = project / "_build" / "compare"
    table = pd.read_csv(out / "sensitivity.csv", dtype=str, keep_default_na=False)
    pct = table[(table["run"] == "a") & (table["key"] == "pct")].iloc[0]
    assert (pct["default"], pct["value"], pct["changed"], float(pct["difference"])) == ("40.0%", "42.5%", "True", 2.5)
    held = pd.read_csv(out / "findings_held.csv").set_index("finding")
    assert not held.loc["share", "held"] and held.loc["share", "runs changed"] == 1
    assert held.loc["ratio", "held"]
    page = (out / "index.html").read_text()
    assert "What changes between runs" in page and "weighting = off" in page and "Run 1: 42.5%" in page


def test_compare_refuses_a_run_that_did_not_finish(tmp_path):
    project = make_project(tmp_path)
    status = project / "_build" / "runs" / "b" / "run_status.json"
    status.write_text(json.dumps({"status": "failed", "parameters": {}}))
    result = compare(project, "a", "b")
    assert result.returncode == 2
    assert "'b' did not finish (status: failed)" in result.stderr and "allowed: a" in result.stderr
    assert "Traceback" not in result.stderr
