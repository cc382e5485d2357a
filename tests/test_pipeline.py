"""End-to-end tests of `python -m skillmix run` on a small project of their own."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import pytest

pytestmark = pytest.mark.slow


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def executed(result):
    return sorted(line.split()[1].rstrip(":") for line in result.stdout.splitlines() if line.strip().startswith("✓"))


def test_first_run_executes_all_and_rerun_changes_nothing(project, cli):
    first = cli("run", "--no-build")
    assert first.returncode == 0, first.stderr
    assert executed(first) == ["alpha", "beta", "gamma"]
    nb = nbformat.read(project / "chapters" / "alpha.ipynb", as_version=4)
    assert "alpha total 6" in nb.cells[3].outputs[0]["text"]
    assert "papermill" not in nb.metadata
    assert all("execution" not in c.metadata and "papermill" not in c.metadata for c in nb.cells)
    before = snapshot(project / "chapters")
    second = cli("run", "--no-build")
    assert second.returncode == 0, second.stderr
    assert executed(second) == []
    assert "3 unchanged" in second.stdout
    assert snapshot(project / "chapters") == before
    forced = cli("run", "--no-build", "--force")
    assert executed(forced) == ["alpha", "beta", "gamma"]
    assert snapshot(project / "chapters") == before, "a forced rerun must be byte-identical"


def test_changing_one_data_file_reruns_only_its_readers(project, cli):
    assert cli("run", "--no-build").returncode == 0
    (project / "data" / "b.csv").write_text("y\n3\n4\n")
    refused = cli("run", "--no-build")
    assert (
        refused.returncode == 2
        and "data/b.csv: changed since" in refused.stderr
        and "skillmix datapackage" in refused.stderr
    )
    assert cli("datapackage").returncode == 0  # accept the change
    rerun = cli("run", "--no-build")
    assert rerun.returncode == 0, rerun.stderr
    assert executed(rerun) == ["beta", "gamma"]


def test_unknown_parameter_fails_before_anything_runs(project, cli):
    result = cli("run", "alpha", "-p", "no_such_parameter", "1", "--no-build")
    assert result.returncode == 2
    assert "no_such_parameter" in result.stderr and "allowed: fail, n" in result.stderr
    assert not (project / "_build").exists()


def test_invalid_value_names_the_allowed_range(project, cli):
    result = cli("run", "alpha", "-p", "n", "500", "--no-build")
    assert result.returncode == 2
    assert "out of range" in result.stderr and "0 to 100" in result.stderr


def test_failing_chapter_leaves_committed_notebook_untouched(project, cli):
    assert cli("run", "--no-build").returncode == 0
    target = project / "chapters" / "alpha.ipynb"
    before = target.read_bytes()
    nb = nbformat.read(target, as_version=4)
    nb.cells[1].source = "n = 2\nfail = True\npause = 0"
    nbformat.write(nb, str(target))
    edited = target.read_bytes()
    result = cli("run", "--no-build")
    assert result.returncode == 1
    assert "chapter 'alpha'" in result.stderr and "cell 3" in result.stderr
    assert "RuntimeError: alpha was asked to fail" in result.stderr
    assert target.read_bytes() == edited != before
    assert (project / "_build" / "failed" / "alpha.ipynb").exists()
    assert "gamma: not run" in result.stdout


def test_override_run_writes_its_own_book_and_leaves_chapters_alone(project, cli):
    assert cli("run", "--no-build").returncode == 0
    before = snapshot(project / "chapters")
    result = cli("run", "alpha", "-p", "n", "5", "--no-build")
    assert result.returncode == 0, result.stderr
    assert snapshot(project / "chapters") == before
    run = project / "_build" / "runs" / "n-5"
    nb = nbformat.read(run / "chapters" / "alpha.ipynb", as_version=4)
    assert any("alpha total 15" in o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert executed(result) == ["alpha", "gamma"]
    manifest = json.loads((run / "chapters" / "run_manifest.json").read_text())
    assert manifest["chapters"]["alpha"]["parameters"]["n"] == 5
    assert (run / "chapters" / "beta.ipynb").exists()


def test_parameter_file_with_named_runs(project, cli, tmp_path):
    sets = tmp_path / "sets.yml"
    sets.write_text("runs:\n  small: {n: 1}\n  large: {n: 50}\n")
    result = cli("run", "alpha", "-f", str(sets), "--no-build")
    assert result.returncode == 0, result.stderr
    assert (project / "_build" / "runs" / "small" / "chapters" / "alpha.ipynb").exists()
    assert (project / "_build" / "runs" / "large" / "chapters" / "alpha.ipynb").exists()


def test_list_shows_parameters_types_and_defaults(cli):
    result = cli("list")
    assert result.returncode == 0
    assert "n (int, default 2) in [0, 100]" in result.stdout
    assert "gamma: chapters/gamma.ipynb (after alpha, beta)" in result.stdout


def _popen(project, *args):
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    return subprocess.Popen(
        [sys.executable, "-m", "skillmix", *args],
        cwd=project,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_output(project, run, name="total.csv", timeout=120):
    """Wait until the chapter alpha has written its output into staging (it then pauses)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any((project / "_build" / "stage").glob(f"*/alpha/{name}")):
            return
        time.sleep(0.2)
    raise AssertionError("alpha never wrote its output")


@pytest.mark.parametrize(
    "sig, executor",
    [(signal.SIGINT, "local"), (signal.SIGTERM, "local"), (signal.SIGINT, "dask"), (signal.SIGTERM, "dask")],
)
def test_an_interrupted_run_changes_nothing_and_leaves_no_kernel(project, cli, sig, executor):
    assert cli("run", "-p", "n", "3", "--name", "r", "--no-build").returncode == 0
    book = project / "_build" / "runs" / "r"
    before = snapshot(book / "chapters")
    args = ("-p", "n", "3", "-p", "pause", "60", "--name", "r", "--no-build", "--force", "--executor", executor)
    process = _popen(project, "run", *args)
    _wait_for_output(project, process)
    descendants = psutil.Process(process.pid).children(recursive=True)
    assert any("ipykernel" in " ".join(p.cmdline()) for p in descendants)
    process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert [line for line in err.splitlines() if line.startswith("interrupted")] == [err.strip().splitlines()[-1]]
    assert snapshot(book / "chapters") == before
    assert not [p for p in descendants if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not list((project / "_build" / "stage").glob("*")) and not list((project / "_build" / "tmp").glob("*"))
    assert not list(Path(tempfile.gettempdir()).glob(f"skillmix-{process.pid}-*"))  # the kernels' sockets
    assert json.loads((book / "run_status.json").read_text())["status"] == "interrupted"


def _kernels_in(project):
    """Kernel processes still running with their working folder inside `project`."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel" in " ".join(process.info["cmdline"] or []) and str(project) in process.cwd():
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def test_a_dependent_started_early_runs_its_cells_only_after_its_inputs_are_in_place(project, cli):
    gamma = project / "chapters" / "gamma.ipynb"
    nb = nbformat.read(gamma, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell('print("gamma reads", open("outputs/alpha/total.csv").read().split()[-1])')
    )
    nbformat.write(nb, str(gamma))
    assert cli("run", "--no-build").returncode == 0  # the default book: alpha's total is 6
    # The run's folder starts with the default book's outputs (total 6); alpha then writes 15
    # and pauses before finishing, while gamma's kernel is already up.
    result = cli("run", "-p", "n", "5", "-p", "pause", "2", "--name", "late", "--no-build")
    assert result.returncode == 0, result.stderr
    assert "gamma: executing chapters/gamma.ipynb (kernel starting while alpha run)" in result.stdout
    out = nbformat.read(project / "_build" / "runs" / "late" / "chapters" / "gamma.ipynb", as_version=4)
    texts = [o.get("text", "") for c in out.cells for o in c.get("outputs", [])]
    assert "gamma reads 15\n" in texts
    assert not _kernels_in(project) and not list((project / "_build" / "tmp").glob("*"))


def test_a_failing_chapter_leaves_its_notebook_and_outputs_as_they_were(project, cli):
    assert cli("run", "-p", "n", "3", "--name", "f", "--no-build").returncode == 0
    book = project / "_build" / "runs" / "f"
    before = snapshot(book / "chapters")
    failed = cli("run", "-p", "n", "3", "-p", "fail", "true", "--name", "f", "--no-build")
    assert failed.returncode == 1
    assert "chapter 'alpha'" in failed.stderr and "RuntimeError: alpha was asked to fail" in failed.stderr
    assert snapshot(book / "chapters") == before  # total.csv was written in staging only
    assert (project / "_build" / "failed" / "f" / "alpha.ipynb").is_file()  # a named run's own folder
    assert json.loads((book / "run_status.json").read_text())["status"] == "failed"
    # gamma's kernel had started to wait for alpha: it is stopped, and nothing is left behind
    assert "gamma: executing chapters/gamma.ipynb (kernel starting while alpha run)" in failed.stdout
    assert "gamma: not run" in failed.stdout
    assert not _kernels_in(project) and not list((project / "_build" / "tmp").glob("*"))
    refused = cli("run", "-p", "n", "4", "--name", "g", "--no-build")  # unrelated runs still work
    assert refused.returncode == 0


def test_a_missing_or_altered_output_makes_its_chapter_run_again(project, cli):
    assert cli("run", "--no-build").returncode == 0
    output = project / "chapters" / "outputs" / "alpha" / "total.csv"
    expected = output.read_bytes()
    output.unlink()
    rerun = cli("run", "--no-build")
    assert executed(rerun) == ["alpha"] and output.read_bytes() == expected  # same output: gamma is current
    output.write_bytes(b"")
    rerun = cli("run", "--no-build")
    assert executed(rerun) == ["alpha"] and output.read_bytes() == expected  # same output: gamma is current


def test_concurrent_runs_do_not_interfere(project):
    processes = [_popen(project, "run", "-p", "n", str(n), "--name", f"c{n}", "--no-build") for n in (5, 7)]
    for process in processes:
        process.communicate(timeout=300)
        assert process.returncode == 0
    for n in (5, 7):
        total = project / "_build" / "runs" / f"c{n}" / "chapters" / "outputs" / "alpha" / "total.csv"
        assert total.read_text() == f"total\n{3 * n}\n"


def _run_notebooks(project, names):
    runs = project / "_build" / "runs"
    return {n: snapshot(runs / n / "chapters") for n in names}


def test_a_grid_runs_on_dask_with_the_same_outputs_as_the_process_pool(project, cli, tmp_path):
    sweep = tmp_path / "sweep.yml"
    sweep.write_text("grid:\n  n: [3, 4]\n")
    names = ["n-3", "n-4"]
    local = cli("run", "alpha", "-f", str(sweep), "--no-build")
    assert local.returncode == 0, local.stderr
    pooled = _run_notebooks(project, names)
    shutil.rmtree(project / "_build" / "runs")  # both executors start from nothing
    on_dask = cli("run", "alpha", "-f", str(sweep), "--no-build", "--executor", "dask", "--jobs", "2")
    assert on_dask.returncode == 0, on_dask.stderr
    assert "Dask: 2 worker(s)" in on_dask.stdout
    assert "✓ n-3/alpha" in on_dask.stdout and "✓ n-4/gamma" in on_dask.stdout
    now = _run_notebooks(project, names)
    for name in names:
        for file, content in pooled[name].items():
            assert now[name][file].decode() == content.decode(), f"{name}/{file} differs"
    assert "alpha total 12" in (project / "_build/runs/n-4/chapters/alpha.ipynb").read_text()
    for name in names:
        status = json.loads((project / "_build/runs" / name / "run_status.json").read_text())
        assert status["status"] == "finished"


def test_on_dask_a_failed_run_fails_alone(project, cli, tmp_path):
    sweep = tmp_path / "sweep.yml"
    sweep.write_text("grid:\n  fail: [false, true]\n")
    result = cli("run", "alpha", "-f", str(sweep), "--no-build", "--executor", "dask", "--jobs", "2")
    assert result.returncode == 1
    assert "alpha was asked to fail" in result.stderr
    states = {
        name: json.loads((project / "_build/runs" / name / "run_status.json").read_text())["status"]
        for name in ("fail-False", "fail-True")
    }
    assert states == {"fail-False": "finished", "fail-True": "failed"}
    assert "- fail-True/gamma: not run: depends on alpha" in result.stdout


def test_a_selection_also_runs_the_out_of_date_chapters_it_depends_on(project, cli):
    assert cli("run", "--no-build").returncode == 0
    (project / "data" / "b.csv").write_text("y\n3\n4\n")
    assert cli("datapackage").returncode == 0
    result = cli("run", "alpha", "--no-build")  # alpha and gamma; gamma reads beta, now out of date
    assert result.returncode == 0, result.stderr
    assert executed(result) == ["beta", "gamma"]  # alpha is up to date; before the fix only gamma ran
    assert executed(cli("run", "--no-build")) == []
