"""Where a forced run's time goes, chapter by chapter, and how it compares with Jupyter Book.

(a) Per chapter, on a copy of the project: kernel start (jupyter_client, the median of three),
the setup cell's imports, the rest of the setup cell (the façade's `from_notebook` and the
`Publisher`), compute, and write (time inside the Publisher's glue/figure/save/table), each
run in a fresh interpreter; and the whole chapter through papermill, as the pipeline runs it
with the pipeline's kernel options ("other" is what papermill adds beyond the parts, its own
start-up and import in a fresh interpreter included).
(b) Side by side in one run: `skillmix run --force` on one copy, and `jupyter-book build --all`
with `execute_notebooks: force` on another (output to a temporary folder); wall seconds, CPU
seconds (children included) and their ratio; for scale, the book step of the first alone (a full
build, as in a forced run of a fresh copy); and the lowest ratio the run's CPU seconds allow on
this machine's cores. The committed tree is never touched.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/notebook_overhead.py [--skip-chapters | --skip-comparison]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline_speed import ROOT, copy_project

from skillmix.core.paths import OUTPUTS_ENV
from skillmix.pipeline.build import BUILD_FLAGS

PUBLISHER_METHODS = ("glue", "figure", "save", "table")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Run `command`; its wall and CPU seconds (its children included)."""
    wall, cpu = time.monotonic(), children_cpu()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - wall, children_cpu() - cpu


def project_env(project: Path, **extra: str) -> dict:
    return {**os.environ, "SKILLMIX_ROOT": str(project), **extra}


def notebooks(project: Path) -> dict[str, str]:
    """chapter -> notebook path, in the order of the copy's chapters.yml."""
    import yaml

    spec = yaml.safe_load((project / "chapters.yml").read_text(encoding="utf-8"))
    return {name: entry["notebook"] for name, entry in spec["chapters"].items()}


def profile_notebook(notebook: str) -> None:
    """Child mode: execute a notebook's code cells in this interpreter, timing its parts, and
    print them as JSON (wall, cpu) pairs. IPython is imported first, as a kernel has it."""
    import IPython  # noqa: F401 - loaded by every kernel before the first cell

    clock = lambda: (time.perf_counter(), time.process_time())  # noqa: E731
    cells = [c for c in json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) for c in cells]
    parts: dict[str, list[float]] = {}
    namespace: dict = {}

    def timed(name, code):
        start = clock()
        exec(code, namespace)  # noqa: S102 - the project's own notebook
        end = clock()
        parts[name] = [end[0] - start[0], end[1] - start[1]]

    exec(sources[0], namespace)  # noqa: S102 - the parameters cell
    setup = sources[1].splitlines()
    imports = [line for line in setup if line.startswith(("import ", "from "))]
    timed("imports", "\n".join(imports))
    timed("setup", "\n".join(line for line in setup if line not in imports))
    publisher = type(namespace["out"])
    writing = [0.0, 0.0]
    for name in PUBLISHER_METHODS:
        method = getattr(publisher, name)

        def wrapper(self, *args, _method=method, **kwargs):
            start = clock()
            try:
                return _method(self, *args, **kwargs)
            finally:
                end = clock()
                writing[0] += end[0] - start[0]
                writing[1] += end[1] - start[1]

        setattr(publisher, name, wrapper)
    timed("rest", "\n".join(sources[2:]))
    parts["write"] = writing
    parts["compute"] = [parts["rest"][i] - writing[i] for i in range(2)]
    print(json.dumps(parts))


def kernel_start() -> tuple[float, float]:
    """Median wall and CPU seconds to start a python3 kernel, wait until ready, shut it down."""
    from jupyter_client.manager import start_new_kernel

    walls, cpus = [], []
    for _ in range(3):
        wall, cpu = time.monotonic(), children_cpu() + time.process_time()
        manager, client = start_new_kernel(kernel_name="python3")
        ready = time.monotonic() - wall
        client.stop_channels()
        manager.shutdown_kernel(now=False)
        walls.append(ready)
        cpus.append(children_cpu() + time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


PAPERMILL = """
import sys, papermill
from skillmix.pipeline.execute import KERNEL_OPTIONS
papermill.execute_notebook(sys.argv[1], sys.argv[2], cwd=sys.argv[3], kernel_name="python3",
                           request_save_on_cell_execute=False, progress_bar=False, **KERNEL_OPTIONS)
"""


def per_chapter(project: Path, scratch: Path) -> None:
    """Table (a): per chapter, where wall and CPU seconds go."""
    start_wall, start_cpu = kernel_start()
    print(f"kernel start (python3, median of 3): {start_wall:.2f} s wall, {start_cpu:.2f} s CPU\n")
    columns = ("imports", "setup", "compute", "write")
    print(f"{'chapter':16s} " + " ".join(f"{c:>13s}" for c in (*columns, "papermill", "other")))
    print(f"{'':16s} " + " ".join(f"{'wall / CPU':>13s}" for _ in range(len(columns) + 2)))
    totals = {c: [0.0, 0.0] for c in (*columns, "papermill", "other")}
    for chapter, notebook in notebooks(project).items():
        path = project / notebook
        env = project_env(project, **{OUTPUTS_ENV: str(scratch / chapter)})
        child = subprocess.run(
            [sys.executable, __file__, "--profile", str(path)],
            cwd=path.parent,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        parts = json.loads(child.stdout.strip().splitlines()[-1])
        out = scratch / f"{chapter}.ipynb"
        parts["papermill"] = measured(
            [sys.executable, "-c", PAPERMILL, str(path), str(out), str(path.parent)], path.parent, env
        )
        known = (start_wall + sum(parts[c][0] for c in columns), start_cpu + sum(parts[c][1] for c in columns))
        parts["other"] = [parts["papermill"][i] - known[i] for i in range(2)]
        for name, total in totals.items():
            total[0] += parts[name][0]
            total[1] += parts[name][1]
        print(f"{chapter:16s} " + " ".join(f"{parts[c][0]:6.2f}/{parts[c][1]:6.2f}" for c in totals), flush=True)
    print(f"{'total':16s} " + " ".join(f"{totals[c][0]:6.2f}/{totals[c][1]:6.2f}" for c in totals))
    print("('other' = papermill's whole chapter less kernel start, imports, setup, compute and write)\n")


def side_by_side(tmp: Path) -> None:
    """Table (b): a forced skillmix run vs a forced jupyter-book build of the same notebooks."""
    ours, theirs = tmp / "skillmix", tmp / "jupyter-book"
    for project in (ours, theirs):
        project.mkdir()
        copy_project(project)
    config = theirs / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert 'execute_notebooks: "off"' in text
    config.write_text(text.replace('execute_notebooks: "off"', 'execute_notebooks: "force"'), encoding="utf-8")
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    rows = {
        "skillmix run --force": measured([sys.executable, "-m", "skillmix", "run", "--force"], ours, project_env(ours)),
        "its book step alone (full build)": measured(
            [jupyter_book, "build", "--all", str(ours), *BUILD_FLAGS], ours, project_env(ours)
        ),
        "jupyter-book build --all (force)": measured(
            [jupyter_book, "build", "--all", str(theirs), "--path-output", str(tmp / "jb-out")],
            theirs,
            project_env(theirs),
        ),
    }
    for label, (wall, cpu) in rows.items():
        print(f"{label:34s} {wall:7.1f} s wall  {cpu:7.1f} s CPU")
    (ours_wall, ours_cpu), (jb_wall, jb_cpu) = rows["skillmix run --force"], rows["jupyter-book build --all (force)"]
    print(f"ratio skillmix / jupyter-book: wall {ours_wall / jb_wall:.2f}, CPU {ours_cpu / jb_cpu:.2f}")
    book_wall, book_cpu = rows["its book step alone (full build)"]
    cores = os.cpu_count() or 1
    print(
        f"lower bounds of the ratio on {cores} cores: the run's CPU seconds spread evenly over them "
        f"{ours_cpu / cores / jb_wall:.2f}; the same with the book step serial, as in both tools "
        f"{((ours_cpu - book_cpu) / cores + book_wall) / jb_wall:.2f}"
    )
    met = "met" if ours_wall <= 0.5 * jb_wall else "NOT met"
    print(f"target: forced run at most half the wall time of jupyter-book's forced build -> {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-chapters", action="store_true", help="only the side-by-side comparison (b)")
    parser.add_argument("--skip-comparison", action="store_true", help="only the per-chapter table (a)")
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profile:
        profile_notebook(args.profile)
        return
    print(f"{os.cpu_count()} cores; project {ROOT}\n")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.skip_chapters:
            project = tmp / "profile"
            project.mkdir()
            copy_project(project)
            per_chapter(project, tmp / "scratch")
        if not args.skip_comparison:
            side_by_side(tmp)


if __name__ == "__main__":
    main()
