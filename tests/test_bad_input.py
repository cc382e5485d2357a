"""Bad input of every kind fails before any kernel starts: exit code 2, one line that names the
file and row/line/column or the parameter, no traceback, and no committed file changed.

Each case runs the real command line in this process (`skillmix.pipeline.cli.main`) against the
real project; execution is replaced by a guard, so a case that got past the checks would fail
loudly instead of running chapters. Cases that need a changed project (data files) are in
`test_bad_data.py`; interrupts and failing chapters in `test_pipeline.py`.
"""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from skillmix.core.parameter_sets import parameter_sets
from skillmix.core.paths import ROOT
from skillmix.core.runs import RUNS, run_name, write_status
from skillmix.pipeline import cli, execute

RESPONSES_HEADER = (ROOT / "data" / "survey" / "synthetic_responses.csv").read_text(encoding="utf-8").splitlines()
GP_HEADER = "PRAC_CODE,TOTAL_GP_FTE,TOTAL_GP_EXTGL_FTE,TOTAL_NURSES_FTE,TOTAL_DPC_FTE,TOTAL_ADMIN_FTE"


def snapshot() -> dict:
    """Every committed chapter file and data file, by content."""
    files = [*(ROOT / "chapters").rglob("*"), *(ROOT / "data").rglob("*"), ROOT / "chapters.yml"]
    return {p.relative_to(ROOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


@pytest.fixture(scope="module")
def committed():
    return snapshot()


@pytest.fixture
def run_cli(monkeypatch, capsys, committed):
    """Run the CLI; return (exit code, stderr). Asserts that nothing executed or changed."""

    def never(*args, **kwargs):
        raise AssertionError("bad input reached execution")

    monkeypatch.setattr(execute, "execute", never)

    def run(*args):
        try:
            code = cli.main(["run", *map(str, args), "--no-build"])
        except SystemExit as exc:  # argparse's own errors
            code = exc.code
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert snapshot() == committed, "a committed file changed"
        return code, err

    return run


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


# ----------------------------------------------------------------------------- parameters

PARAMETER_CASES = [
    (["-p", "no_such_parameter", "1"], "unknown parameter", "no_such_parameter"),
    (["nosuchchapter"], "unknown chapter", "nosuchchapter"),
    (["survey", "-p", "focus_role", "doctor"], "allowed: acp, pa, both", "focus_role"),
    (["evidence_review", "-p", "roles", "nursing_associate,no_role"], "allowed: all, nursing_associate", "roles"),
    (["evidence_review", "-p", "year_from", "19x0"], "expected int", "year_from"),
    (["survey", "-p", "min_cell", "0"], "1 to 1000", "min_cell"),
    (["survey", "-p", "min_cell", "2.5"], "not a whole number", "min_cell"),
    (["survey", "-p", "confidence", "nan"], "not a finite number", "confidence"),
    (["survey", "-p", "confidence", "inf"], "not a finite number", "confidence"),
    (["survey", "-p", "confidence", "0.2"], "out of range", "confidence"),
    (["workforce", "-p", "period_from", "2015-13-01"], "expected date", "period_from"),
    (["survey", "-p", "compare_waves", "maybe"], "expected bool", "compare_waves"),
    (["workforce", "-p", "period_from", "2020-01-01", "-p", "period_to", "2019-01-01"], "out of order", "period_from"),
    (["evidence_review", "-p", "year_from", "2020", "-p", "year_to", "2010"], "out of order", "year_to"),
    (["-p", "min_cell", "5", "-p", "min_cell", "6"], "given twice", "min_cell"),
    (["survey", "-p", "responses", "no/such/file.csv"], "file not found", "responses"),
    (["workforce", "-p", "focus_role", "pa"], "unknown parameter", "focus_role"),
    (["lessons", "-p", "survey_run", "nosuch"], "is not a run", "survey_run"),
    (["lessons", "-p", "survey_run", "../x"], "invalid", "survey_run"),
]


@pytest.mark.parametrize("args, problem, named", PARAMETER_CASES)
def test_bad_parameters(run_cli, args, problem, named):
    code, err = run_cli(*args)
    assert code == 2
    line = one_error_line(err)
    assert problem in line and named in line


def test_jobs_must_be_positive(run_cli):
    code, err = run_cli("--jobs", "0", "-p", "min_cell", "5")
    assert code == 2 and "--jobs" in err and "must be 1 or more" in err


def test_a_failed_or_unfinished_run_is_refused_where_a_finished_one_is_needed(run_cli):
    for state in ("failed", "running"):
        name = f"test-{state}-run"
        (RUNS / name).mkdir(parents=True, exist_ok=True)
        write_status(RUNS / name, state)
        try:
            code, err = run_cli("lessons", "-p", "survey_run", name)
        finally:
            (RUNS / name / "run_status.json").unlink()
            (RUNS / name).rmdir()
        assert code == 2 and f"'{name}' did not finish (status: {state})" in one_error_line(err)


# ----------------------------------------------------------------------------- run names


@pytest.mark.parametrize(
    "name", ["../../data/survey", "../../x", "..", "/tmp/abs", "with space", ".hidden", "-dash", "x" * 65, "a/b"]
)
def test_run_names_are_names_not_paths(run_cli, name):
    code, err = run_cli("-p", "min_cell", "5", f"--name={name}")
    assert code == 2 and "invalid run name" in one_error_line(err)


def test_long_or_lossy_derived_names_carry_a_hash_of_the_whole_set():
    long_a = {"responses": "/data/exports/" + "a" * 60 + "/one.csv"}
    long_b = {"responses": "/data/exports/" + "a" * 60 + "/two.csv"}
    assert run_name(long_a) != run_name(long_b)
    assert len(run_name(long_a)) <= 64
    assert run_name({"roles": "nursing_associate"}) == "roles-nursing_associate"
    assert run_name({"x": "a b"}) != run_name({"x": "a-b"})  # the space is lossy: hashed


# ----------------------------------------------------------------------------- runs files


RUNS_FILE_CASES = [
    ("missing", None, "parameter file not found"),
    ("bad yaml", "runs:\n  a: {min_cell: 5\n", "not valid YAML"),
    ("duplicate key", "min_cell: 5\nmin_cell: 6\n", "'min_cell' given twice (first on line 1)"),
    ("duplicate run", "runs:\n  a: {min_cell: 5}\n  a: {min_cell: 6}\n", "'a' given twice (first on line 2)"),
    ("runs is a list", "runs:\n  - {min_cell: 5}\n", "'runs' must map run names"),
    ("run values a list", "runs:\n  a: [1, 2]\n", "run 'a' must be a mapping"),
    ("nested value", "min_cell: {a: 1}\n", "must be a single value"),
    ("empty", "", "the parameter file is empty"),
    ("top-level list", "- min_cell\n", "must be a mapping"),
    ("runs plus others", "runs:\n  a: {min_cell: 5}\nmin_cell: 6\n", "holds only 'runs:' and 'grid:'"),
    ("grid not a mapping", "grid: [min_cell]\n", "'grid' must map parameter names to lists of values"),
    ("grid empty list", "grid:\n  min_cell: []\n", "'min_cell' must list one or more single values"),
    ("grid nested", "grid:\n  min_cell: [[5, 6]]\n", "'min_cell' must list one or more single values"),
    ("grid value twice", "grid:\n  min_cell: [5, 5]\n", "'min_cell' lists a value twice"),
    ("grid run twice", "runs:\n  min_cell-5: {min_cell: 5}\ngrid:\n  min_cell: [5]\n", "same name"),
    ("grid bad value", "grid:\n  min_cell: [5, 0]\n", "out of range"),
    ("grid bad range", "grid:\n  year_from: [2000, 2030]\n  year_to: [2020]\n", "year_from"),
    ("bad run name", "runs:\n  ../evil: {min_cell: 5}\n", "invalid run name"),
    ("unknown parameter", "runs:\n  a: {min_sell: 5}\n", "unknown parameter"),
    ("bad value", "runs:\n  a: {min_cell: many}\n", "expected int"),
]


@pytest.mark.parametrize("case, text, problem", RUNS_FILE_CASES, ids=[c[0] for c in RUNS_FILE_CASES])
def test_bad_runs_files(run_cli, tmp_path, case, text, problem):
    path = tmp_path / "runs.yml" if text is None else write(tmp_path, "runs.yml", text)
    code, err = run_cli("-f", path)
    assert code == 2
    line = one_error_line(err)
    assert problem in line and ("runs.yml" in line or case in ("unknown parameter", "bad value"))


def test_runs_file_not_utf8(run_cli, tmp_path):
    code, err = run_cli("-f", write(tmp_path, "runs.yml", b"min_cell: 5 # caf\xe9\n"))
    assert code == 2 and "runs.yml: not a UTF-8 text file" in one_error_line(err)


def test_runs_file_conflicts_with_p_and_name(run_cli, tmp_path):
    path = write(tmp_path, "runs.yml", "runs:\n  a: {min_cell: 5}\n")
    assert "given both in the file and with -p" in one_error_line(run_cli("-f", path, "-p", "min_cell", "6")[1])
    assert "--name cannot be used" in one_error_line(run_cli("-f", path, "--name", "b")[1])


def test_a_grid_expands_to_every_combination_with_derived_names(tmp_path):
    text = "grid:\n  - {weighting: [on, off], focus_role: [acp, pa]}\n  - {min_cell: 5}\nruns:\n  mine: {min_cell: 7}\n"
    sets = parameter_sets([], write(tmp_path, "sweep.yml", text))
    assert list(sets) == [
        "mine",
        "focus_role-acp_weighting-True",
        "focus_role-pa_weighting-True",
        "focus_role-acp_weighting-False",
        "focus_role-pa_weighting-False",
        "min_cell-5",
    ]
    assert sets["focus_role-pa_weighting-False"] == {"weighting": False, "focus_role": "pa"}
    assert sets["mine"] == {"min_cell": 7}


def test_yaml_booleans_are_taken_as_meant(tmp_path):
    path = write(tmp_path, "runs.yml", "runs:\n  unweighted: {weighting: off, compare_waves: no}\n")
    sets = parameter_sets([], path)
    from skillmix.core.chapter_spec import check

    assert check("survey", **sets["unweighted"]) == {**check("survey"), "weighting": "off", "compare_waves": False}


# ----------------------------------------------------------------------------- survey responses


def sav_header_only() -> bytes:
    return b"$FL2@(#) SPSS DATA FILE" + b"\x00" * 40


def xlsx_renamed_csv() -> bytes:
    return "\n".join(RESPONSES_HEADER[:3]).encode()


def xlsx_without_sheet(tmp_path) -> bytes:
    path = tmp_path / "broken.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path.read_bytes()


def responses_with(row_change) -> str:
    header, first = RESPONSES_HEADER[0], RESPONSES_HEADER[1]
    return "\n".join([header, row_change(first), *RESPONSES_HEADER[2:20]]) + "\n"


def bad_profession(row: str) -> str:
    cells = row.split(",")
    cells[RESPONSES_HEADER[0].split(",").index("profession")] = "astronaut"
    return ",".join(cells)


RESPONSE_CASES = [
    ("empty.csv", b"", "empty"),
    ("header_only.csv", (RESPONSES_HEADER[0] + "\n").encode(), "no"),
    ("latin1.csv", ("\n".join(RESPONSES_HEADER[:5]) + "\nR99,café\xe9\n").encode("latin-1"), "UTF-8"),
    ("truncated.sav", sav_header_only(), "truncated.sav"),
    ("renamed.xlsx", xlsx_renamed_csv(), "renamed.xlsx"),
    ("bad_value.csv", responses_with(bad_profession).encode(), "astronaut"),
    ("no_profession.csv", (b"respondent_id,wave\nR1,current\n"), "profession"),
    ("ragged.csv", (RESPONSES_HEADER[0] + "\n" + RESPONSES_HEADER[1] + ",extra,cells\n").encode(), "ragged.csv"),
]


@pytest.mark.parametrize("name, data, named", RESPONSE_CASES, ids=[c[0] for c in RESPONSE_CASES])
def test_bad_response_files(run_cli, tmp_path, name, data, named):
    code, err = run_cli("survey", "-p", "responses", write(tmp_path, name, data))
    assert code == 2
    line = one_error_line(err)
    assert name in line and named in line


def test_response_file_of_an_unsupported_kind(run_cli, tmp_path):
    code, err = run_cli("survey", "-p", "responses", write(tmp_path, "answers.json", "{}"))
    assert code == 2 and "unsupported file type" in one_error_line(err) and ".csv, .xlsx, .sav" in err


def test_an_xlsx_that_is_not_a_workbook(run_cli, tmp_path):
    code, err = run_cli("survey", "-p", "responses", write(tmp_path, "broken.xlsx", xlsx_without_sheet(tmp_path)))
    assert code == 2 and "broken.xlsx" in one_error_line(err)


def test_a_bad_value_names_row_and_column(run_cli, tmp_path):
    code, err = run_cli("survey", "-p", "responses", write(tmp_path, "bad.csv", responses_with(bad_profession)))
    line = one_error_line(err)
    assert "row" in line and "profession" in line and "astronaut" in line and "allowed:" in line


# ----------------------------------------------------------------------------- margins


MARGIN_CASES = [
    ("empty.csv", "", "empty"),
    ("no_share.csv", "variable,category\nprofession,nurse\n", "share"),
    ("text_share.csv", "variable,category,share\nprofession,nurse,lots\n", "lots"),
    ("unknown_variable.csv", "variable,category,share\nshoe_size,9,0.5\n", "shoe_size"),
]


@pytest.mark.parametrize("name, text, named", MARGIN_CASES, ids=[c[0] for c in MARGIN_CASES])
def test_bad_margins(run_cli, tmp_path, name, text, named):
    code, err = run_cli("survey", "-p", "margins", write(tmp_path, name, text))
    assert code == 2
    line = one_error_line(err)
    assert name in line and named in line


# ----------------------------------------------------------------------------- GP practice CSV


OFFICIAL_NAME = "General Practice – September 2023 Practice Level - Detailed.csv"
GP_CASES = [
    ("empty", OFFICIAL_NAME, "", "empty"),
    ("no GP column", OFFICIAL_NAME, "PRAC_CODE,TOTAL_NURSES_FTE\nA1,2\n", "TOTAL_GP_FTE"),
    ("ragged", OFFICIAL_NAME, f"{GP_HEADER}\nA1,1,1,2,3,4,5,6\n", "line 2"),
    ("negative", OFFICIAL_NAME, f"{GP_HEADER}\nA1,-1,-1,2,3,4\n", "line 2"),
    ("all estimated", OFFICIAL_NAME, f"{GP_HEADER}\nA1,EST,EST,EST,EST,EST\nA2,EST,EST,EST,EST,EST\n", "estimated"),
    ("text", OFFICIAL_NAME, f"{GP_HEADER}\nA1,one,1,2,3,4\n", "one"),
    ("no month in name", "practices.csv", f"{GP_HEADER}\nA1,1,1,2,3,4\n", "reference month"),
]


@pytest.mark.parametrize("case, name, text, named", GP_CASES, ids=[c[0] for c in GP_CASES])
def test_bad_gp_practice_csv(run_cli, tmp_path, case, name, text, named):
    code, err = run_cli("workforce", "-p", "gp_workforce_csv", write(tmp_path, name, text))
    assert code == 2
    line = one_error_line(err)
    assert name in line and named in line


def test_gp_csv_of_another_kind(run_cli, tmp_path):
    code, err = run_cli("workforce", "-p", "gp_workforce_csv", write(tmp_path, "practices.xlsx", b"PK\x03\x04"))
    assert code == 2 and "unsupported file type" in one_error_line(err)
