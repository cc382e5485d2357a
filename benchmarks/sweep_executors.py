"""Benchmark a 12-run sweep: the local process pool against `--executor dask` (LocalCluster).

Works on a copy of the project in a temporary folder. Each executor runs the same 12 parameter
sets (weighting × focus_role × compare_waves) from nothing; the script prints wall time, CPU
time (every process of the run: client, workers, kernels, builds) and peak memory (the whole
process tree's resident memory, sampled), in all and per run, and whether the executed
notebooks of the two sweeps are byte-identical (volatile metadata is stripped by the pipeline).

    .venv/bin/python benchmarks/sweep_executors.py [--workers 2] [--no-build]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from pipeline_speed import copy_project

SWEEP = 'grid:\n  weighting: ["on", "off"]\n  focus_role: [acp, pa, both]\n  compare_waves: [true, false]\n'


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def measured(project: Path, args: list[str]) -> dict:
    """Run `python -m skillmix ARGS`; wall seconds, CPU seconds and peak memory of its process tree."""
    env = {**os.environ, "SKILLMIX_ROOT": str(project)}
    before = os.times()
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "skillmix", *args],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak, cpu_seen, stop = [0], {}, threading.Event()

    def sample():
        root = psutil.Process(child.pid)
        while not stop.is_set():
            rss = 0
            for p in _tree(root):
                try:
                    rss += p.memory_info().rss
                    times = p.cpu_times()
                    cpu_seen[p.pid] = times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            peak[0] = max(peak[0], rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    stop.set()
    sampler.join()
    after = os.times()
    # Children that their parents waited for are in os.times(); kernels of worker processes
    # that exited without waiting may not be, so the larger of the two counts is reported.
    cpu = max(
        (after.children_user - before.children_user) + (after.children_system - before.children_system),
        sum(cpu_seen.values()),
    )
    return {"exit": code, "wall": time.monotonic() - started, "cpu": cpu, "peak_gb": peak[0] / 1e9}


def notebooks(project: Path) -> dict:
    runs = project / "_build" / "runs"
    return {p.relative_to(runs).as_posix(): p.read_bytes() for p in sorted(runs.glob("*/chapters/*.ipynb"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="pool size and LocalCluster workers")
    parser.add_argument("--no-build", action="store_true", help="execute only, without the 12 HTML builds")
    parser.add_argument("--sweep", default=SWEEP, help="the sweep file's text (default: the 12-run grid)")
    args = parser.parse_args()
    extra = ["--no-build"] if args.no_build else []
    with tempfile.TemporaryDirectory(prefix="skillmix-sweep-") as tmp:
        project = Path(tmp)
        copy_project(project)
        (project / "sweep.yml").write_text(args.sweep)
        results, outputs = {}, {}
        for executor in ("local", "dask"):
            shutil.rmtree(project / "_build", ignore_errors=True)
            run = ["run", "-f", "sweep.yml", "--executor", executor, "--jobs", str(args.workers), *extra]
            results[executor] = measured(project, run)
            outputs[executor] = notebooks(project)
            print(f"{executor}: {results[executor]}", flush=True)
    n = len({k.split("/")[0] for k in outputs["local"]}) or 1
    print(f"\n{n}-run sweep, {args.workers} workers, {'without' if extra else 'with'} HTML builds")
    print("| executor | wall s (per run) | CPU s (per run) | peak memory GB | exit |")
    print("|---|---|---|---|---|")
    for executor, r in results.items():
        print(
            f"| {executor} | {r['wall']:.1f} ({r['wall'] / n:.1f}) | {r['cpu']:.1f} ({r['cpu'] / n:.1f}) "
            f"| {r['peak_gb']:.2f} | {r['exit']} |"
        )
    differ = sorted(
        k for k in outputs["local"].keys() | outputs["dask"].keys() if outputs["local"].get(k) != outputs["dask"].get(k)
    )
    print(f"executed notebooks: {len(outputs['local'])} and {len(outputs['dask'])}; identical: {not differ}")
    for name in differ:
        print(f"  differs: {name}")


if __name__ == "__main__":
    main()
