"""Scale benchmark for the survey pipeline (not a pytest test).

Generates 1,000,000 synthetic respondents (current wave), writes them as CSV, then times:
load (read + code + validate), raking to the profession and setting margins, and every
item estimate (11 items x 2 roles) by profession with linearised SEs and logit intervals.
Prints seconds per step and peak memory (resource.getrusage max RSS of this process).
Target: under 60 s and 4 GB on 2 cores.

    .venv/bin/python benchmarks/survey_scale.py [--n 1000000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from skillmix.core.paths import DATA  # noqa: E402
from skillmix.survey import codebook as cb  # noqa: E402
from skillmix.survey import estimates, loaders, synthetic, validate, weighting


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    book = cb.load()
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        t = time.perf_counter()
        frame = synthetic.generate(seed=1, n_current=args.n, n_earlier=0, book=book)
        times["generate"] = time.perf_counter() - t
        t = time.perf_counter()
        path.write_bytes(synthetic.to_csv_bytes(frame))
        times["write csv"] = time.perf_counter() - t
        del frame
        t = time.perf_counter()
        raw, first_row, fmt = loaders.read_raw(path, book=book)
        times["read csv"] = time.perf_counter() - t
        t = time.perf_counter()
        coded = validate.to_codes(raw, book, file=path.name, first_row=first_row)
        del raw
        validate.check(coded, book, file=path.name, first_row=first_row)
        times["code + validate"] = time.perf_counter() - t
    t = time.perf_counter()
    margins = weighting.read_margins(DATA / "survey" / "population_margins.csv", book)
    res = weighting.rake(coded, margins)
    design = estimates.Design.raked(coded, res.weights, margins)
    times["rake"] = time.perf_counter() - t
    t = time.perf_counter()
    table = estimates.item_table(coded, design, book, wave="current", by="profession")
    times["item estimates by profession"] = time.perf_counter() - t
    total = sum(times.values())
    print(
        f"respondents: {len(coded):,}; estimates: {len(table)} rows; raking converged: {res.converged} "
        f"in {res.iterations} sweeps; Kish deff {weighting.kish_deff(res.weights):.3f}"
    )
    for step, sec in times.items():
        print(f"{step:32s} {sec:7.2f} s")
    print(f"{'total':32s} {total:7.2f} s")
    print(f"peak memory (max RSS): {peak_mb():,.0f} MB")
    print(table.head(3).round(3).to_string())
    ok = total - times["generate"] - times["write csv"] < 60 and peak_mb() < 4096
    print("within target (60 s excluding data generation, 4 GB)" if ok else "OUTSIDE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
