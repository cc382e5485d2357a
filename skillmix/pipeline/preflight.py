"""Checks made before any kernel starts, so that bad input fails at once with one line.

- Every data file that the selected chapters read must match `data/datapackage.json`: its
  checksum (a file changed since the package was written is refused, with the command that
  accepts the change) and its schema (Frictionless).
- Every `path` parameter that is set is checked by the check its declaration names (the
  survey export, the margins, the GP practice CSV), which reads it as the chapter would.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from ..core import datapackage
from ..core.chapter_spec import chapters, run_checks
from ..core.errors import InputError
from ..core.hashing import folder_digest, sha256_file
from ..core.paths import BUILD, DATA, ROOT, relative

PROBLEMS_CACHE = BUILD / "preflight" / "datapackage_problems.json"

ACCEPT = "if the change is intended, run `.venv/bin/python -m skillmix datapackage` to record it"


def files_read(selection) -> set:
    """The data files (paths relative to data/) that the chapters in `selection` read."""
    specs = chapters()
    found = {p for c in selection for pattern in specs[c].reads for p in ROOT.glob(pattern) if p.is_file()}
    return {p.relative_to(DATA).as_posix() for p in found if p.is_relative_to(DATA)}


def check_data(selection, descriptor=None) -> None:
    """Refuse data files that differ from the data package or break its schema."""
    descriptor = descriptor or datapackage.DESCRIPTOR
    folder = descriptor.parent
    read = files_read(selection)
    resources = {r["path"]: r for r in datapackage.load(descriptor)["resources"]}
    for path in sorted(read & set(resources)):
        recorded = resources[path].get("hash", "").removeprefix("sha256:")
        if not (folder / path).is_file():
            raise InputError("data file missing", file=f"data/{path}")
        if sha256_file(folder / path) != recorded:
            raise InputError(f"changed since {relative(descriptor)} was written; {ACCEPT}", file=f"data/{path}")
    for path in sorted(read - set(resources) - set(datapackage.NOT_DATA)):
        if not any(path.endswith(f"/{name}") for name in datapackage.NOT_DATA):
            raise InputError(f"not described in {relative(descriptor)}; {ACCEPT}", file=f"data/{path}")
    problems = [p for p in package_problems(descriptor) if any(p.startswith(f"data/{f}") for f in read)]
    if problems:
        raise InputError(problems[0])


def package_problems(descriptor: Path) -> list[str]:
    """`datapackage.problems(descriptor)`, reused from `PROBLEMS_CACHE` when every file in the
    descriptor's folder, the validating module and the Frictionless version are as they were."""
    parts = (Path(descriptor).resolve(), version("frictionless"), folder_digest(Path(descriptor).parent))
    key = hashlib.sha256("\0".join(map(str, parts)).encode())
    key.update(Path(datapackage.__file__).read_bytes())
    try:
        cached = json.loads(PROBLEMS_CACHE.read_text(encoding="utf-8"))
        if cached["key"] == key.hexdigest():
            return cached["problems"]
    except (OSError, ValueError, KeyError):
        pass
    found = datapackage.problems(descriptor)
    PROBLEMS_CACHE.parent.mkdir(parents=True, exist_ok=True)
    tmp = PROBLEMS_CACHE.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"key": key.hexdigest(), "problems": found}), encoding="utf-8")
    os.replace(tmp, PROBLEMS_CACHE)
    return found


def check_plans(plans) -> None:
    """Everything the runs in `plans` read, checked before any of them starts."""
    check_data(sorted({c for plan in plans for c in plan.values}))
    for plan in plans:
        for chapter in plan.overrides:  # default inputs are data-package files, checked above
            run_checks(chapter, plan.values[chapter])
