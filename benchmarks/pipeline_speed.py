"""Benchmark the pipeline: clean full run, no-op rerun, rerun after one data file changes.

Works on a copy of the project in a temporary folder (so the committed chapters are not
touched) and prints the median seconds of each scenario over --repeats runs.

    .venv/bin/python benchmarks/pipeline_speed.py [--repeats 3] [--no-build]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("_config.yml", "_toc.yml", "references.bib", "chapters.yml", "requirements.txt", "_static", "chapters", "data")
CHANGED_FILE = Path("data/workforce/role_timeline.csv")


def copy_project(project: Path) -> None:
    """Copy what a run needs (chapters, data, book configuration) into the folder `project`."""
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)


def skillmix(project: Path, *args: str) -> float:
    """Run `python -m skillmix ARGS` in the copied project; the seconds it took."""
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "skillmix", *args],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def edit_first_event(path: Path, original: bytes, suffix: str) -> None:
    """A valid change to the role timeline: text added to its first event."""
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"))))
    rows[1][rows[0].index("event")] += suffix
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def timed_run(project: Path, *args: str) -> float:
    return skillmix(project, "run", *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="time execution only, without the HTML build")
    args = parser.parse_args()
    extra = ["--no-build"] if args.no_build else []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        copy_project(project)
        original = (project / CHANGED_FILE).read_bytes()
        times = {"full run (forced)": [], "no-op rerun": [], "one data file changed": []}
        for i in range(args.repeats):
            print(f"repeat {i + 1}/{args.repeats} ...", flush=True)
            times["full run (forced)"].append(timed_run(project, "--force", *extra))
            times["no-op rerun"].append(timed_run(project, *extra))
            edit_first_event(project / CHANGED_FILE, original, f" (benchmark edit {i + 1})")
            skillmix(project, "datapackage")  # record the change, as a user must (not timed)
            times["one data file changed"].append(timed_run(project, *extra))
    full = statistics.median(times["full run (forced)"])
    for label, values in times.items():
        median = statistics.median(values)
        print(
            f"{label:24s} median {median:7.1f} s  ({', '.join(f'{v:.1f}' for v in values)}; {median / full:.1%} of a full run)"
        )
    noop = statistics.median(times["no-op rerun"])
    print(f"target: no-op rerun under 10% of a full run -> {'met' if noop < 0.1 * full else 'NOT met'}")


if __name__ == "__main__":
    main()
