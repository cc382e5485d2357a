"""Benchmark the pipeline: clean full run, no-op rerun, rerun after one data file changes.

Works on a copy of the project in a temporary folder (so the committed chapters are not
touched) and prints the median seconds of each scenario over --repeats runs.

    .venv/bin/python benchmarks/pipeline_speed.py [--repeats 3] [--no-build]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("_config.yml", "_toc.yml", "references.bib", "chapters.yml", "requirements.txt", "chapters", "data")
CHANGED_FILE = Path("data/workforce/role_timeline.csv")


def timed_run(project: Path, *args: str) -> float:
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "skillmix", "run", *args],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="time execution only, without the HTML build")
    args = parser.parse_args()
    extra = ["--no-build"] if args.no_build else []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        original = (project / CHANGED_FILE).read_bytes()
        times = {"full run (forced)": [], "no-op rerun": [], "one data file changed": []}
        for i in range(args.repeats):
            print(f"repeat {i + 1}/{args.repeats} ...", flush=True)
            times["full run (forced)"].append(timed_run(project, "--force", *extra))
            times["no-op rerun"].append(timed_run(project, *extra))
            (project / CHANGED_FILE).write_bytes(original + b"\n" * (i + 1))
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
